package org.ldapscim.bridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.ldapscim.bridge.testsupport.ServeConfigFile;
import org.ldapscim.bridge.testsupport.ServeProcess;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;

/**
 * The benchmark: seeds a directory, starts the packaged bridge's {@code serve} on it in a process of its own
 * (journal on MariaDB), and measures each scenario through the bridge over HTTP and as raw LDAP operations on a
 * pool, at the same concurrency and for the same time. Prints a table and writes {@code bench-<time>.json}.
 * Settings are system properties: {@code bench.users}, {@code bench.directory} (inmemory or slapd),
 * {@code bench.seconds}, {@code bench.concurrency}, {@code bench.requests} (a cap per measurement) and
 * {@code bench.output} (the folder of the JSON file).
 */
public final class Benchmark {
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String LOCKED = "000001010000Z";
    private static final int GROUPS = 200;
    private static final int GROUP_SIZE = 10;
    private static final String[] USER_ATTRIBUTES = {"*", "entryUUID", "createTimestamp", "modifyTimestamp"};

    private final Settings settings;
    private final List<BenchDirectory.User> users;
    private final BridgeClient bridge;
    private final LDAPConnectionPool raw;
    private final List<String> bridgeGroups;
    private final List<String> rawGroups;

    private Benchmark(Settings settings, List<BenchDirectory.User> users, BridgeClient bridge, LDAPConnectionPool raw,
                      List<String> bridgeGroups, List<String> rawGroups) {
        this.settings = settings;
        this.users = users;
        this.bridge = bridge;
        this.raw = raw;
        this.bridgeGroups = bridgeGroups;
        this.rawGroups = rawGroups;
    }

    record Settings(String directory, int users, double seconds, int concurrency, long requests, Path output,
                    String only) {
        static Settings fromSystemProperties() {
            return new Settings(System.getProperty("bench.directory", "inmemory"),
                    Integer.getInteger("bench.users", 10_000),
                    Double.parseDouble(System.getProperty("bench.seconds", "10")),
                    Integer.getInteger("bench.concurrency", 8),
                    Long.getLong("bench.requests", 1_000_000),
                    Path.of(System.getProperty("bench.output", "target/bench")),
                    System.getProperty("bench.only", ".*"));
        }

        /** With {@code bench.jfr} set, the bridge records a JFR profile of the whole run into that file. */
        Map<String, String> bridgeEnvironment() {
            String recording = System.getProperty("bench.jfr", "");
            return recording.isBlank() ? Map.of() : Map.of("JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(recording).toAbsolutePath());
        }

        double warmupSeconds() {
            return Math.min(2, seconds / 2);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String token = UUID.randomUUID().toString();
        log("seeding %s with %,d users", settings.directory(), settings.users());
        long seeding = System.nanoTime();
        try (BenchDirectory directory = BenchDirectory.start(settings.directory(), settings.users());
             LDAPConnectionPool raw = directory.pool(settings.concurrency());
             TestJournalDatabase journal = TestJournalDatabase.create()) {
            List<BenchDirectory.User> users = BenchDirectory.users(raw);
            List<String> bridgeGroups = BenchDirectory.addGroups(raw, "bench-bridge", GROUPS, users, GROUP_SIZE);
            BenchDirectory.addGroups(raw, "bench-raw", GROUPS, users, GROUP_SIZE);
            List<String> rawGroups = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                rawGroups.add("cn=bench-raw-" + g + "," + BenchDirectory.GROUPS);
            }
            log("seeded in %.1f s", (System.nanoTime() - seeding) / 1e9);
            List<String> ldap = new ArrayList<>(List.of("urls: [\"" + directory.url() + "\"]",
                    "poolSize: " + settings.concurrency()));
            ldap.addAll(directory.bindLines());
            Path config = ServeConfigFile.write(directory.preset(), ldap, journal.settings(), "bench", token, "");
            try (ServeProcess serve = ServeProcess.start(config, settings.bridgeEnvironment())) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String root = serve.baseUrl().substring(0, serve.baseUrl().indexOf("/scim/v2"));
                BridgeMeters meters = new BridgeMeters(http, URI.create(root + "/metrics"), token, serve.pid());
                Benchmark benchmark = new Benchmark(settings, users, new BridgeClient(http, serve.baseUrl(), token),
                        raw, bridgeGroups, rawGroups);
                List<Result> results = new ArrayList<>();
                for (Scenario scenario : benchmark.scenarios()) {
                    if (!scenario.name().matches(settings.only())) {
                        continue;
                    }
                    results.add(benchmark.measure(scenario, meters));
                }
                Report report = new Report(Instant.now().toString(), settings.directory(), settings.users(),
                        settings.seconds(), settings.concurrency(), Runtime.getRuntime().availableProcessors(),
                        results);
                System.out.println(report.table());
                Files.createDirectories(settings.output());
                Path json = settings.output().resolve("bench-" + settings.directory() + "-" + settings.users() + "-"
                        + report.time().replace(':', '-') + ".json");
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
                log("wrote %s", json);
            }
        }
    }

    private Result measure(Scenario scenario, BridgeMeters meters) throws Exception {
        log("%s: bridge", scenario.name());
        AtomicLong bridgeCounter = new AtomicLong();
        LoadRun.run(scenario.bridge(), settings.concurrency(), settings.warmupSeconds(), settings.requests(),
                bridgeCounter);
        BridgeMeters.Reading before = meters.read();
        LoadRun.Outcome through = LoadRun.run(scenario.bridge(), settings.concurrency(), settings.seconds(),
                settings.requests(), bridgeCounter);
        BridgeMeters.Reading after = meters.read();
        log("%s: raw LDAP", scenario.name());
        AtomicLong rawCounter = new AtomicLong();
        LoadRun.run(scenario.raw(), settings.concurrency(), settings.warmupSeconds(), settings.requests(), rawCounter);
        LoadRun.Outcome direct = LoadRun.run(scenario.raw(), settings.concurrency(), settings.seconds(),
                settings.requests(), rawCounter);
        double operations = through.requests() == 0 ? 0
                : (after.ldapOperations() - before.ldapOperations()) / through.requests();
        return new Result(scenario.name(), Result.Side.of(through), Result.Side.of(direct),
                direct.throughput() == 0 ? 0 : through.throughput() / direct.throughput(), operations,
                after.heapBytes(), after.rssBytes());
    }

    private List<Scenario> scenarios() {
        return List.of(
                new Scenario("GET /Users/{id}",
                        n -> bridge.get("/Users/" + user(n).id(), 200),
                        n -> one(new SearchRequest(BenchDirectory.PEOPLE, SearchScope.SUB,
                                Filter.createEqualityFilter("entryUUID", user(n).id()), USER_ATTRIBUTES))),
                new Scenario("filter userName eq",
                        n -> bridge.get("/Users?filter=" + encode("userName eq \"" + user(n).uid() + "\""), 200),
                        n -> one(new SearchRequest(BenchDirectory.PEOPLE, SearchScope.SUB, Filter.createANDFilter(
                                Filter.createEqualityFilter("uid", user(n).uid()),
                                Filter.create(BenchDirectory.USER_FILTER)), USER_ATTRIBUTES))),
                new Scenario("filter externalId eq",
                        n -> bridge.get("/Users?filter=" + encode("externalId eq \"" + externalId(n) + "\""), 200),
                        n -> one(new SearchRequest(BenchDirectory.PEOPLE, SearchScope.SUB, Filter.createANDFilter(
                                Filter.createEqualityFilter("scimExternalId", externalId(n)),
                                Filter.create(BenchDirectory.USER_FILTER)), USER_ATTRIBUTES))),
                new Scenario("page of 100 at startIndex 1",
                        n -> bridge.get("/Users?startIndex=1&count=100", 200),
                        n -> firstPage()),
                new Scenario("POST /Users",
                        n -> bridge.post("/Users", "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"bench-bridge-"
                                + n + "\",\"name\":{\"familyName\":\"Bench\"}}", 201),
                        n -> raw.add(new Entry("uid=bench-raw-" + n + "," + BenchDirectory.PEOPLE,
                                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                                        "scimBridgeAux"),
                                new Attribute("uid", "bench-raw-" + n), new Attribute("cn", "bench-raw-" + n),
                                new Attribute("sn", "Bench")))),
                new Scenario("PATCH user active=false",
                        n -> bridge.patch("/Users/" + user(n).id(), "{\"schemas\":[\"" + PATCH_OP
                                + "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}]}", 200),
                        n -> raw.modify(user(n).dn(), new Modification(ModificationType.REPLACE,
                                "pwdAccountLockedTime", LOCKED))),
                new Scenario("PATCH add member, group of 10",
                        n -> bridge.patch("/Groups/" + bridgeGroups.get((int) (n % GROUPS)), "{\"schemas\":[\""
                                + PATCH_OP + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                                + newMember(n).id() + "\"}]}]}", 200),
                        n -> raw.modify(rawGroups.get((int) (n % GROUPS)), new Modification(ModificationType.ADD,
                                "member", newMember(n).dn()))));
    }

    private BenchDirectory.User user(long n) {
        return users.get((int) (n % users.size()));
    }

    private String externalId(long n) {
        return "seed-ext-" + (n % users.size() + 1);
    }

    /** A user not yet in group {@code n % GROUPS}: past its first members, a different one each round. */
    private BenchDirectory.User newMember(long n) {
        long group = n % GROUPS;
        return users.get((int) ((group * GROUP_SIZE + GROUP_SIZE + n / GROUPS) % users.size()));
    }

    private void one(SearchRequest search) throws LDAPException {
        if (raw.search(search).getEntryCount() != 1) {
            throw new LDAPException(ResultCode.NO_RESULTS_RETURNED, "not one entry for " + search.getFilter());
        }
    }

    private void firstPage() throws LDAPException {
        SearchRequest page = new SearchRequest(BenchDirectory.PEOPLE, SearchScope.SUB, BenchDirectory.USER_FILTER,
                USER_ATTRIBUTES);
        page.addControl(new SimplePagedResultsControl(100));
        if (raw.search(page).getEntryCount() != Math.min(100, users.size())) {
            throw new LDAPException(ResultCode.NO_RESULTS_RETURNED, "a short first page");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void log(String format, Object... arguments) {
        System.out.println("[bench] " + String.format(format, arguments));
    }

    /** What one scenario measured. */
    record Result(String scenario, Side bridge, Side raw, double ratio, double ldapOperationsPerRequest,
                  double bridgeHeapBytes, long bridgeRssBytes) {
        record Side(double throughput, double p50Millis, double p99Millis, long requests, long errors,
                    String firstError) {
            static Side of(LoadRun.Outcome outcome) {
                return new Side(outcome.throughput(), outcome.p50Nanos() / 1e6, outcome.p99Nanos() / 1e6,
                        outcome.requests(), outcome.errors(), outcome.firstError());
            }
        }
    }

    /** One run: its settings and what each scenario measured. */
    record Report(String time, String directory, int users, double seconds, int concurrency, int processors,
                  List<Result> results) {
        String table() {
            StringBuilder table = new StringBuilder();
            table.append(String.format("%n%s, %,d users, %d clients, %.0f s per measurement, %d cores, %s%n%n",
                    directory, users, concurrency, seconds, processors, time));
            String format = "| %-30s | %9s | %7s | %7s | %9s | %7s | %7s | %6s | %8s | %7s | %8s | %8s |%n";
            table.append(String.format(format, "scenario", "bridge/s", "p50 ms", "p99 ms", "raw/s", "p50 ms",
                    "p99 ms", "ratio", "LDAP/req", "errors", "heap MB", "RSS MB"));
            table.append(String.format(format, "---", "---", "---", "---", "---", "---", "---", "---", "---", "---",
                    "---", "---"));
            for (Result result : results) {
                table.append(String.format(format, result.scenario(),
                        String.format("%,.0f", result.bridge().throughput()),
                        String.format("%.2f", result.bridge().p50Millis()),
                        String.format("%.2f", result.bridge().p99Millis()),
                        String.format("%,.0f", result.raw().throughput()),
                        String.format("%.2f", result.raw().p50Millis()),
                        String.format("%.2f", result.raw().p99Millis()),
                        String.format("%.2f", result.ratio()),
                        String.format("%.2f", result.ldapOperationsPerRequest()),
                        result.bridge().errors() + "/" + result.raw().errors(),
                        String.format("%.0f", result.bridgeHeapBytes() / 1e6),
                        String.format("%.0f", result.bridgeRssBytes() / 1e6)));
            }
            for (Result result : results) {
                for (Result.Side side : List.of(result.bridge(), result.raw())) {
                    if (side.firstError() != null) {
                        table.append(String.format("%s (%s): first error: %s%n", result.scenario(),
                                side == result.bridge() ? "bridge" : "raw", side.firstError()));
                    }
                }
            }
            return table.toString();
        }
    }
}
