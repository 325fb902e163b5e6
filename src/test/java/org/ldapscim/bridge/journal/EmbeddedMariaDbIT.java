package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real embedded server, whatever else listens on this machine. */
class EmbeddedMariaDbIT {

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameDirectoryStillHasTheEarlierRows() {
        long id;
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dataDir);
             JournalDatabase journal = JournalDatabase.open(server.settings())) {
            JournalSettings settings = server.settings();
            assertTrue(settings.jdbcUrl().matches("jdbc:mariadb://127\\.0\\.0\\.1:\\d+/bridge_journal"), settings.jdbcUrl());
            assertEquals("root", settings.username());
            assertEquals("", settings.password());
            id = journal.store().begin(intent("before-restart"));
        }

        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dataDir);
             JournalDatabase journal = JournalDatabase.open(server.settings())) {
            List<JournalEntry> entries = journal.store().find(new JournalQuery(10, null));
            assertEquals(1, entries.size());
            assertEquals(id, entries.get(0).id());
            assertEquals("before-restart", entries.get(0).requestId());
        }
        assertTrue(Files.isDirectory(dataDir.resolve("data")), "the data stays after a stop");
    }

    @Test
    void restartsAfterThePreviousOwnerWasKilledAndKeepsItsRows() throws Exception {
        Process owner = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                KilledOwner.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            awaitLine(owner, KilledOwner.READY, Duration.ofSeconds(90));
        } finally {
            owner.destroyForcibly();
            owner.waitFor(10, TimeUnit.SECONDS);
        }
        long orphan = Long.parseLong(Files.readString(dataDir.resolve("server.pid")).trim().split(" ")[0]);
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                "killing the JVM leaves its server running");

        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dataDir);
             JournalDatabase journal = JournalDatabase.open(server.settings())) {
            assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false));
            List<JournalEntry> entries = journal.store().find(new JournalQuery(10, null));
            assertEquals(List.of(KilledOwner.REQUEST_ID), entries.stream().map(JournalEntry::requestId).toList());
        }
    }

    @Test
    void refusesADirectoryThatARunningInstanceServes() {
        try (EmbeddedMariaDb first = EmbeddedMariaDb.start(dataDir)) {
            JournalException refusal = assertThrows(JournalException.class, () -> EmbeddedMariaDb.start(dataDir));
            assertTrue(refusal.getMessage().contains("already served"), refusal.getMessage());
            try (JournalDatabase journal = JournalDatabase.open(first.settings())) {
                journal.store().begin(intent("still-served"));
            }
        }
    }

    @Test
    void serverThatCannotStartFailsPromptlyWithItsLogInTheMessage() throws IOException {
        Path data = Files.createDirectories(dataDir.resolve("data"));
        Files.write(data.resolve("ibdata1"), new byte[64 * 1024]);

        long started = System.nanoTime();
        JournalException failure = assertThrows(JournalException.class, () -> EmbeddedMariaDb.start(dataDir));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
        assertTrue(failure.getMessage().contains(dataDir.toAbsolutePath().toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("mariadbd.log"), failure.getMessage());
    }

    private static JournalIntent intent(String requestId) {
        return new JournalIntent(requestId, "embedded-test", "okta", Operation.CREATE, "User", null, null);
    }

    private static void awaitLine(Process process, String expected, Duration timeout) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Boolean> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    seen.append(line).append('\n');
                    if (line.equals(expected)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        assertTrue(found.get(timeout.toMillis(), TimeUnit.MILLISECONDS), () -> "the owner never got ready:\n" + seen);
    }

    /** A JVM that starts the embedded server, writes one row and waits to be killed. */
    static final class KilledOwner {

        static final String READY = "embedded journal ready";
        static final String REQUEST_ID = "written-before-kill";

        public static void main(String[] args) throws InterruptedException {
            EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of(args[0]));
            JournalDatabase journal = JournalDatabase.open(server.settings());
            journal.store().begin(intent(REQUEST_ID));
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
