package org.ldapscim.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.testsupport.TestLogs;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * Runs after every other test of the build (its own failsafe execution, see pom.xml) and reads what they left
 * under {@link TestLogs#directory()}: the log lines of every test JVM and bridge process, and the rows of every test
 * journal database. Any {@link TestSecret} in them fails the build, named by file, line and the secret's catalog
 * name, never by its value. No file at all fails it too: a check that read nothing proves nothing.
 */
class SecretLeakCheck {
    private static final String OWN_LOG = "jvm-" + ProcessHandle.current().pid() + ".log";

    @Test
    void noTestSecretReachesALogOrTheJournal() throws IOException {
        List<Path> files = producedFiles();
        assertFalse(files.isEmpty(), "no log or journal files under " + TestLogs.directory()
                + ": the tests' output is not captured, so it cannot be checked for secrets");
        List<String> findings = new ArrayList<>();
        long lines = 0;
        for (Path file : files) {
            lines += scan(file, findings);
        }
        System.out.printf("secret leak check: %d files, %d lines, %d test secrets, %d findings%n", files.size(),
                lines, TestSecret.values().length, findings.size());
        assertEquals(List.of(), findings, "test secrets in the tests' logs or journal rows");
    }

    private static List<Path> producedFiles() throws IOException {
        if (!Files.isDirectory(TestLogs.directory())) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(TestLogs.directory())) {
            return listed.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals(OWN_LOG))
                    .sorted().toList();
        }
    }

    private static long scan(Path file, List<String> findings) throws IOException {
        long number = 0;
        // A stray byte in a process's output must not stop the check from reading the rest.
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                decoder))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                for (TestSecret secret : TestSecret.values()) {
                    if (line.contains(secret.value())) {
                        findings.add(file.getFileName() + ":" + number + " holds " + secret.name());
                    }
                }
            }
        }
        return number;
    }
}
