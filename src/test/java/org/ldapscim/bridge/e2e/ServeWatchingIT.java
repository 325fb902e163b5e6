package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ServeConfigFile;
import org.ldapscim.bridge.testsupport.ServeProcess;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * The packaged jar's {@code serve}, started as systemd starts it with {@code LOG_FORMAT=json} in its environment,
 * over the demo directory and a real MariaDB journal: it logs JSON lines only, and serves readiness and the meters
 * serve wires (directory operations, watcher, journal pool).
 */
class ServeWatchingIT {
    private static final String TOKEN = TestSecret.SERVE_WATCHING_TOKEN.value();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void serveLogsJsonLinesAndServesItsMeters() throws IOException, InterruptedException {
        try (InMemoryDirectory directory = InMemoryDirectory.startDemo(0);
             TestJournalDatabase database = TestJournalDatabase.create()) {
            Path config = ServeConfigFile.write("demo", List.of("urls: [\"" + directory.url() + "\"]"),
                    database.settings(), "serve-watching", TOKEN, "watch: {intervalSeconds: 1}\n");
            try (ServeProcess serve = ServeProcess.start(config, Map.of("LOG_FORMAT", "json"))) {
                String root = serve.baseUrl().substring(0, serve.baseUrl().indexOf("/scim/v2"));
                ScimClient scim = new ScimClient(serve.baseUrl(), TOKEN);
                scim.get("/Users?count=1").expect(200);
                JsonNode ready = JSON.readTree(scim.get(root + "/readyz").body());
                assertEquals("UP", ready.get("status").asText(), ready.toString());
                assertEquals(directory.url().substring("ldap://".length()), ready.at("/directory/server").asText());

                Eventually.until(Duration.ofSeconds(30), "the watcher has caught up", () -> Pattern
                        .compile("(?m)^scim_bridge_watcher_since_caught_up_seconds \\d").matcher(scrape(scim, root))
                        .find());
                String scrape = scrape(scim, root);
                assertTrue(scrape.contains("ldap_operations_seconds_count{operation=\"search\",outcome=\"success\""),
                        scrape);
                assertTrue(scrape.contains("hikaricp_connections_max{pool=\"journal\"}"), scrape);
                assertTrue(scrape.contains("endpoint=\"/scim/v2/Users\",method=\"GET\",status=\"200\""), scrape);

                List<String> output = serve.output();
                assertFalse(output.isEmpty());
                for (String line : output) {
                    assertTrue(isJsonObject(line), "not a JSON line: " + line);
                }
                assertTrue(output.stream().anyMatch(line -> line.contains("\"loggerName\":\"org.ldapscim.bridge.access\"")
                        && line.contains("{\"path\":\"\\/scim\\/v2\\/Users\"}")), String.join("\n", output));
                assertFalse(String.join("\n", output).contains(TOKEN));
            }
        }
    }

    private static boolean isJsonObject(String line) {
        try {
            return JSON.readTree(line).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static String scrape(ScimClient client, String root) {
        return client.get(root + "/metrics").body();
    }
}
