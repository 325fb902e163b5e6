package org.ldapscim.bridge.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The packaged jar's {@code demo} command in its own process, as a user starts it from the README, on a free
 * HTTP port and a data directory of the test's. {@link #close()} stops it with SIGTERM, as systemd or Ctrl-C
 * would. Needs {@code mvn package} first: the failsafe tests run after it.
 */
public final class DemoProcess implements AutoCloseable {
    private static final Path JAR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("target/ldap-scim-bridge.jar");

    private final Process process;
    private final String baseUrl;
    private final String token;
    private final List<String> output;

    private DemoProcess(Process process, String baseUrl, String token, List<String> output) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.token = token;
        this.output = output;
    }

    public static DemoProcess start(Path dataDir, String... options) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests with mvn verify");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "demo", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        TestLogs.Output log = TestLogs.output("demo", process.pid());
        CompletableFuture<String[]> welcome = CompletableFuture.supplyAsync(() -> readWelcome(process, line -> {
            output.add(line);
            log.line(line);
        }));
        try {
            String[] urlAndToken = welcome.get(180, TimeUnit.SECONDS);
            return new DemoProcess(process, urlAndToken[0], urlAndToken[1], output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the demo did not start: " + String.join("\n", output), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the demo started", e);
        }
    }

    /** Reads until the welcome names the base URL and the token, then keeps draining the output. */
    private static String[] readWelcome(Process process, Consumer<String> output) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String baseUrl = null;
        String token = null;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.accept(line);
                String trimmed = line.trim();
                if (trimmed.startsWith("SCIM base URL:")) {
                    baseUrl = trimmed.substring("SCIM base URL:".length()).trim();
                } else if (trimmed.startsWith("bearer token:")) {
                    token = trimmed.substring("bearer token:".length()).trim();
                }
                if (baseUrl != null && token != null) {
                    Thread drain = new Thread(() -> reader.lines().forEach(output), "demo-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new String[] {baseUrl, token};
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the demo's output", e);
        }
        throw new IllegalStateException("the demo exited with " + process.exitValue());
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String token() {
        return token;
    }

    @Override
    public void close() throws InterruptedException {
        // Through the handle: Process.destroy() would also close the pipe the demo's last lines come by.
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the demo did not stop on SIGTERM: " + String.join("\n", output));
        }
    }
}
