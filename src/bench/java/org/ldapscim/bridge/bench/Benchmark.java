package org.ldapscim.bridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The benchmark: for each directory size of {@code bench.users}, seeds a fresh directory, starts the packaged
 * bridge's {@code serve} on it in a process of its own (journal on MariaDB), and measures each scenario through the
 * bridge over HTTP and as the raw LDAP operations it stands for, at the same concurrency and for the same time. Prints
 * a table per size and writes all of them to one {@code bench-<directory>-<sizes>-<time>.json}. See {@link Settings}.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String time = Instant.now().toString();
        List<Report.Size> sizes = new ArrayList<>();
        Report report = new Report(time, settings.directory(), settings.concurrency(), settings.seconds(),
                settings.rounds(), Runtime.getRuntime().availableProcessors(), sizes);
        Files.createDirectories(settings.output());
        Path json = settings.output().resolve("bench-" + settings.directory() + "-" + settings.sizes().stream()
                .map(String::valueOf).collect(Collectors.joining("+")) + "-" + time.replace(':', '-') + ".json");
        for (int users : settings.sizes()) {
            Report.Size size = SizeRun.measure(settings, users);
            sizes.add(size);
            System.out.println(report.table(size));
            // Written after each size, so that a size that fails later leaves the earlier ones on disk.
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
            log("wrote %s", json);
        }
    }

    static void log(String format, Object... arguments) {
        System.out.println("[bench] " + String.format(format, arguments));
    }
}
