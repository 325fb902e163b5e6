package org.ldapscim.bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the bridge process says of itself: its /metrics scrape and its resident memory from /proc. */
final class BridgeMeters {
    private static final Pattern LDAP_OPERATIONS = Pattern.compile("(?m)^ldap_operations_seconds_count\\{[^}]*} (\\S+)$");
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$");
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB$");

    private final HttpClient http;
    private final URI metrics;
    private final String token;
    private final long pid;

    BridgeMeters(HttpClient http, URI metrics, String token, long pid) {
        this.http = http;
        this.metrics = metrics;
        this.token = token;
        this.pid = pid;
    }

    record Reading(double ldapOperations, double heapBytes, long rssBytes) {
    }

    Reading read() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics)
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        String scrape = response.body();
        return new Reading(sum(LDAP_OPERATIONS, scrape), sum(HEAP, scrape), rss());
    }

    private long rss() throws IOException {
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
        return rss.find() ? Long.parseLong(rss.group(1)) * 1024 : 0;
    }

    private static double sum(Pattern pattern, String scrape) {
        double sum = 0;
        Matcher matcher = pattern.matcher(scrape);
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }
}
