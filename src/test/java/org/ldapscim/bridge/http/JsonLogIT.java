package org.ldapscim.bridge.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.Eventually;
import org.slf4j.LoggerFactory;

/**
 * The shipped logback.xml with LOG_FORMAT=json, over a running bridge: every line on standard output is a JSON
 * object, and each request's access line carries its fields, with no query string, token or body.
 */
class JsonLogIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonFormatWritesAJsonObjectPerLineWithTheAccessFields() throws JoranException {
        String id = bridge.idOf(BridgeUnderTest.userDn("helena.marsh@example.com"));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<Map<String, String>> access;
        try {
            System.setOut(new PrintStream(captured, true, UTF_8));
            configure(context, "logback.xml", "json");
            bridge.get("/Users/" + id + "?attributes=userName").expect(200);
            bridge.get("/Users?filter=userName%20eq%20%22helena.marsh%40example.com%22").expect(200);
            bridge.request("GET", "/Users").header("Authorization", "Bearer not-the-token").send();
            Eventually.until(Duration.ofSeconds(10), "three access lines are written",
                    () -> accessLines(captured).size() >= 3);
            access = accessLines(captured);
        } finally {
            System.setOut(original);
            configure(context, "logback-test.xml", null);
        }
        String output = captured.toString(UTF_8);

        Map<String, String> read = access.get(0);
        assertEquals("GET", read.get("method"));
        assertEquals("/scim/v2/Users/" + id, read.get("path"));
        assertEquals("200", read.get("status"));
        assertEquals(BridgeUnderTest.CLIENT, read.get("client"));
        assertEquals("127.0.0.1", read.get("remote"));
        assertFalse(read.get("request").isBlank());
        assertTrue(Double.parseDouble(read.get("durationMs")) >= 0);
        assertEquals("/scim/v2/Users", access.get(1).get("path"));
        assertEquals("401", access.get(2).get("status"));
        assertEquals("-", access.get(2).get("client"));

        assertFalse(output.contains("helena.marsh"), "a filter value reached the log: " + output);
        assertFalse(output.contains("attributes="), "a query string reached the log: " + output);
        assertFalse(output.contains(BridgeUnderTest.TOKEN) || output.contains("not-the-token"), output);
    }

    /** Every line must parse as a JSON object; the access lines' key-value pairs, each as one map. */
    private static List<Map<String, String>> accessLines(ByteArrayOutputStream captured) {
        return captured.toString(UTF_8).lines().filter(line -> !line.isBlank()).map(JsonLogIT::parse)
                .filter(line -> AccessLog.LOGGER.equals(line.path("loggerName").asText()))
                .map(JsonLogIT::keyValues).toList();
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), line);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }

    private static Map<String, String> keyValues(JsonNode line) {
        Map<String, String> fields = new HashMap<>();
        for (JsonNode pair : line.path("kvpList")) {
            pair.properties().forEach(field -> fields.put(field.getKey(), field.getValue().asText()));
        }
        return fields;
    }

    private static void configure(LoggerContext context, String resource, String format) throws JoranException {
        context.reset();
        if (format != null) {
            context.putProperty("LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogIT.class.getClassLoader().getResource(resource));
    }
}
