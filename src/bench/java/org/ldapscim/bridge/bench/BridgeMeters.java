package org.ldapscim.bridge.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bridge process says of itself: its /metrics scrape, its resident memory from /proc, the highest heap
 * use seen while a measurement runs, and its live heap after a full collection ({@code jcmd GC.run}).
 */
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

    /** Scrapes the heap every {@code SAMPLE_MILLIS} until {@link HeapPeak#stop}, which answers the highest. */
    HeapPeak watchHeap() {
        return new HeapPeak();
    }

    /** The heap in use right after a full collection the bridge is told to run: what it keeps, without garbage. */
    double liveHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .start();
        gc.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            gc.destroyForcibly();
            return Double.NaN;
        }
        return read().heapBytes();
    }

    final class HeapPeak {
        private static final long SAMPLE_MILLIS = 500;
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final DoubleAccumulator highest = new DoubleAccumulator(Math::max, 0);

        private HeapPeak() {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    highest.accumulate(read().heapBytes());
                } catch (IOException | RuntimeException e) {
                    // A missed sample only lowers the peak's resolution.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }

        double stop(Reading last) throws InterruptedException {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            highest.accumulate(last.heapBytes());
            return highest.get();
        }
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
