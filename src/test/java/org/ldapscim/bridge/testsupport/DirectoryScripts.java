package org.ldapscim.bridge.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the start and stop scripts of {@code ../shared/directories/} and reads the {@code connection.env} they
 * write. A script that fails or hangs throws with its whole output, so the test class fails and says why.
 */
final class DirectoryScripts {
    private static final long SCRIPT_TIMEOUT_SECONDS = 900;

    private DirectoryScripts() {
    }

    static void run(String script, String... arguments) throws IOException, InterruptedException {
        Path scriptFile = OpenLdapServer.projectDir().resolve("../shared/directories").resolve(script).normalize();
        if (!Files.isRegularFile(scriptFile)) {
            throw new IllegalStateException("no " + scriptFile + " (expected ../shared/directories next to the project)");
        }
        List<String> command = new ArrayList<>(List.of("bash", scriptFile.toString()));
        command.addAll(List.of(arguments));
        runCommand(Map.of(), command);
    }

    /** Runs a directory's own tool ({@code dsctl}, ...) with {@code environment} added, failing as {@link #run}. */
    static void runCommand(Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("directory-script-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + (finished ? " exited with "
                        + process.exitValue() : " did not finish in " + SCRIPT_TIMEOUT_SECONDS + " s") + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Two different TCP ports nothing listens on now, for a server started next: both sockets are open at once,
     * since two ports asked for one after the other may be the same.
     */
    static int[] twoFreePorts() throws IOException {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }

    /** The bash-sourceable {@code KEY='value'} lines a start script writes. */
    static Map<String, String> readEnvironment(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                String value = line.substring(equals + 1);
                if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(line.substring(0, equals), value);
            }
        }
        return values;
    }
}
