package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ldapscim.bridge.testsupport.ServeConfigFile;
import org.ldapscim.bridge.testsupport.ServeProcess;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;

/**
 * One directory size: a fresh directory seeded with that many users, a fresh journal database and a bridge started
 * on them, every scenario {@code bench.only} picks measured in turn, and all of it torn down at the end.
 */
final class SizeRun {
    static final int BRIDGE_WARMUP_SECONDS = 10;

    private SizeRun() {
    }

    static Report.Size measure(Settings settings, int size) throws Exception {
        String token = UUID.randomUUID().toString();
        Benchmark.log("seeding %s with %,d users", settings.directory(), size);
        long seeding = System.nanoTime();
        try (BenchDirectory directory = BenchDirectory.start(settings.directory(), size);
             LDAPConnectionPool raw = directory.pool(settings.concurrency());
             LDAPConnectionPool syncPool = directory.pool(Settings.SYNC_CLIENTS);
             TestJournalDatabase journal = TestJournalDatabase.create()) {
            List<BenchDirectory.User> users = BenchDirectory.users(raw);
            double seedSeconds = (System.nanoTime() - seeding) / 1e9;
            Benchmark.log("seeded in %.1f s", seedSeconds);
            List<String> ldap = new ArrayList<>(List.of("urls: [\"" + directory.url() + "\"]",
                    "poolSize: " + settings.bridgePoolSize()));
            ldap.addAll(directory.bindLines());
            // As an operator sets it for an IdP that syncs with 50 connections (the default 16 answers the rest 429).
            Path config = ServeConfigFile.write(directory.preset(), ldap, journal.settings(), "bench", token,
                    ", maxConcurrentRequests: " + Math.max(settings.concurrency(), Settings.SYNC_CLIENTS), "");
            try (ServeProcess serve = ServeProcess.start(config, settings.bridgeEnvironment(size));
                 BridgeClient bridge = new BridgeClient(serve.baseUrl(), token)) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String root = serve.baseUrl().substring(0, serve.baseUrl().indexOf("/scim/v2"));
                BridgeMeters meters = new BridgeMeters(http, URI.create(root + "/metrics"), token, serve.pid());
                Fixture fixture = new Fixture(settings, directory, users, bridge, raw, serve.baseUrl(), token);
                warmUp(fixture);
                ScenarioRunner runner = new ScenarioRunner(settings, meters);
                List<Result> results = new ArrayList<>();
                for (Scenario scenario : scenarios(fixture, syncPool)) {
                    if (scenario.name().matches(settings.only())) {
                        results.add(runner.measure(scenario));
                    }
                }
                List<String> notes = new ArrayList<>(directory.notes());
                notes.add(String.format("Seeding %,d users took %.0f s.", size, seedSeconds));
                return new Report.Size(size, seedSeconds, notes, results);
            }
        }
    }

    /**
     * A fresh bridge runs interpreted until the JIT has compiled its paths: before the first scenario it serves
     * {@link #BRIDGE_WARMUP_SECONDS} of the common requests (discovery, reads by id and filter, a page, a PATCH), so
     * that the first scenarios are not measured on a colder bridge than the last.
     */
    private static void warmUp(Fixture f) {
        Benchmark.log("warming the bridge up for %d s", BRIDGE_WARMUP_SECONDS);
        LoadRun.Outcome outcome = Load.of(n -> {
            BenchDirectory.User user = f.user(n);
            switch ((int) (n % 5)) {
                case 0 -> f.bridge().get("/ServiceProviderConfig", 200);
                case 1 -> f.bridge().get("/Users/" + user.id(), 200);
                case 2 -> f.bridge().get("/Users?filter=" + Fixture.encode("userName eq \"" + user.uid() + "\""), 200);
                case 3 -> f.bridge().get("/Users?startIndex=1&count=10", 200);
                default -> f.bridge().patch("/Users/" + user.id(), Fixture.patch("Replace", "title", "\"Warm\""), 200);
            }
        }).run(f.settings().concurrency(), BRIDGE_WARMUP_SECONDS, f.settings().requests());
        if (outcome.errors() > 0) {
            throw new IllegalStateException("the bridge failed while warming up: " + outcome.firstError());
        }
    }

    /** Reads and pages first, writes next, groups last: their members' memberOf would weigh on the user reads. */
    private static List<Scenario> scenarios(Fixture fixture, LDAPConnectionPool syncPool) {
        List<Scenario> scenarios = new ArrayList<>(ReadScenarios.of(fixture));
        scenarios.addAll(PageScenarios.of(fixture));
        scenarios.addAll(WriteScenarios.of(fixture));
        scenarios.add(SyncScenario.of(fixture, syncPool));
        scenarios.addAll(GroupScenarios.of(fixture));
        return scenarios;
    }
}
