package org.ldapscim.bridge.testsupport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The folder every test's output lands in for {@code SecretLeakCheck}: {@code target/test-logs}, or what the
 * system property {@value #PROPERTY} names. Three kinds of file:
 * <ul>
 *   <li>{@code jvm-<pid>.log}: the logback lines of each test JVM, and of each bridge command a test runs on the
 *       test class path (logback-test.xml, {@link JvmLogFile});</li>
 *   <li>{@code <kind>-<pid>.log}: what a bridge process on the packaged jar printed ({@link #output}), and what a
 *       command run by a test printed ({@link #record});</li>
 *   <li>{@code journal-<database>.rows}: every row of a test journal database, written before it is dropped.</li>
 * </ul>
 * A test that starts another bridge process, or runs a command, copies its output here with {@link #output} or
 * {@link #record}.
 */
public final class TestLogs {
    public static final String PROPERTY = "bridge.test.logs";

    private TestLogs() {
    }

    public static Path directory() {
        return Path.of(System.getProperty(PROPERTY, "target/test-logs")).toAbsolutePath();
    }

    /** A new file {@code <kind>-<pid>.log} for a process's output, one printed line a line. */
    public static Output output(String kind, long pid) {
        return new Output(open(kind + "-" + pid + ".log"));
    }

    /** Appends what a command printed to {@code <kind>-<pid>.log}. */
    public static void record(String kind, long pid, String printed) {
        if (printed.isEmpty()) {
            return;
        }
        try (BufferedWriter writer = open(kind + "-" + pid + ".log")) {
            writer.write(printed.endsWith("\n") ? printed : printed + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test log of " + kind, e);
        }
    }

    static BufferedWriter open(String name) {
        try {
            Files.createDirectories(directory());
            return Files.newBufferedWriter(directory().resolve(name), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test log " + name, e);
        }
    }

    /** Lines written as they come, so that a process that never ends still leaves them behind. */
    public static final class Output {
        private final BufferedWriter writer;

        private Output(BufferedWriter writer) {
            this.writer = writer;
        }

        public synchronized void line(String line) {
            try {
                writer.write(line);
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a test log line", e);
            }
        }
    }
}
