package org.ldapscim.bridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same GET from {@code wrk} (Debian's package), a load generator in C in a process of its own: beside the
 * harness's JDK client on the same URL it shows whether that client, rather than the bridge, is the ceiling.
 * wrk bounds a run in time only; the request cap does not apply.
 */
final class WrkLoad implements Load {
    static final Path WRK = Path.of("/usr/bin/wrk");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern PERCENTILE = Pattern.compile("(?m)^\\s+(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s|m)$");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final String url;
    private final String token;

    WrkLoad(String url, String token) {
        this.url = url;
        this.token = token;
    }

    static boolean installed() {
        return Files.isExecutable(WRK);
    }

    @Override
    public LoadRun.Outcome run(int concurrency, double seconds, long maxRequests) {
        int threads = Math.min(concurrency, Runtime.getRuntime().availableProcessors());
        try {
            Process wrk = new ProcessBuilder(WRK.toString(), "-t" + threads, "-c" + concurrency,
                    "-d" + Math.max(1, Math.round(seconds)) + "s", "--latency", "-H", "Authorization: Bearer " + token,
                    url).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(Math.round(seconds) + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                wrk.destroyForcibly();
                return failed("wrk failed: " + output);
            }
            return parse(output);
        } catch (IOException e) {
            return failed("wrk did not run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        }
    }

    private static LoadRun.Outcome parse(String output) {
        Matcher requests = REQUESTS.matcher(output);
        if (!requests.find()) {
            return failed("no request count in wrk's output: " + output);
        }
        long count = Long.parseLong(requests.group(1));
        double elapsed = nanos(requests.group(2), requests.group(3)) / 1e9;
        long p50 = 0;
        long p99 = 0;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            long value = (long) nanos(percentile.group(2), percentile.group(3));
            if (percentile.group(1).equals("50")) {
                p50 = value;
            } else {
                p99 = value;
            }
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new LoadRun.Outcome(count, errors, elapsed, p50, p99,
                errors == 0 ? null : "wrk: " + output.strip().replace('\n', ' '));
    }

    private static double nanos(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> number * 1e3;
            case "ms" -> number * 1e6;
            case "s" -> number * 1e9;
            case "m" -> number * 60e9;
            default -> throw new IllegalArgumentException("wrk time unit " + unit);
        };
    }

    private static LoadRun.Outcome failed(String why) {
        return new LoadRun.Outcome(0, 1, 1, 0, 0, why);
    }
}
