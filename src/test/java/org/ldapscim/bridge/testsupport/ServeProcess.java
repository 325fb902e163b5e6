package org.ldapscim.bridge.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar's {@code serve} command in its own process, on the configuration file a test wrote, as systemd
 * starts it. {@link #kill()} ends it with SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. What it
 * prints is kept in {@link #output()} and in a file under {@link TestLogs#directory()}.
 * Needs {@code mvn package} first: the failsafe tests run after it.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Path JAR = OpenLdapServer.projectDir().resolve("target/ldap-scim-bridge.jar");
    // In the JSON log format the line's slashes come escaped.
    private static final Pattern SERVING = Pattern.compile("serving SCIM on (https?:\\\\?/\\\\?/[^\\s\"]+)");

    private final Process process;
    private final String baseUrl;
    private final List<String> output;
    private final CompletableFuture<Void> drained;

    private ServeProcess(Process process, String baseUrl, List<String> output, CompletableFuture<Void> drained) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.output = output;
        this.drained = drained;
    }

    /** Starts {@code serve --config config} and waits until it serves. */
    public static ServeProcess start(Path config) throws IOException {
        return start(config, Map.of());
    }

    /** As {@link #start(Path)}, with these variables added to the environment, as systemd's EnvironmentFile adds them. */
    public static ServeProcess start(Path config, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests with mvn verify");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "serve", "--config", config.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        TestLogs.Output log = TestLogs.output("serve", process.pid());
        CompletableFuture<Void> drained = new CompletableFuture<>();
        CompletableFuture<String> serving = CompletableFuture.supplyAsync(() -> readUntilServing(process, line -> {
            output.add(line);
            log.line(line);
        }, drained));
        try {
            return new ServeProcess(process, serving.get(180, TimeUnit.SECONDS), output, drained);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not start: " + String.join("\n", output), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while serve started", e);
        }
    }

    private static String readUntilServing(Process process, Consumer<String> output, CompletableFuture<Void> drained) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.accept(line);
                Matcher serving = SERVING.matcher(line);
                if (serving.find()) {
                    Thread drain = new Thread(() -> {
                        try {
                            reader.lines().forEach(output);
                        } finally {
                            drained.complete(null);
                        }
                    }, "serve-output");
                    drain.setDaemon(true);
                    drain.start();
                    return serving.group(1).replace("\\/", "/");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the output of serve", e);
        }
        throw new IllegalStateException("serve exited with " + process.exitValue());
    }

    /** {@code http://127.0.0.1:<port>/scim/v2}, or https with {@code server.tls}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The process id of the serving JVM, e.g. to read its memory from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    /** What the process printed so far, one line each. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("serve " + process.pid() + " survived SIGKILL");
        }
        awaitDrained();
    }

    /**
     * SIGTERM, as systemd stops it, without waiting for the process to end: see {@link #awaitExit}. Sent through
     * the process handle, since {@link Process#destroy()} also closes the pipe the shutdown's last lines come by.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Waits until the process has ended and answers its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not stop within 60 s: " + String.join("\n", output()));
        }
        awaitDrained();
        return process.exitValue();
    }

    /** SIGTERM, as systemd stops it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("serve did not stop on SIGTERM: " + String.join("\n", output()));
            }
        }
        awaitDrained();
    }

    /** The last lines of a process that ended are still in the pipe: they are read before anyone looks. */
    private void awaitDrained() throws InterruptedException {
        try {
            drained.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the output of serve " + process.pid() + " was not read to its end", e);
        }
    }
}
