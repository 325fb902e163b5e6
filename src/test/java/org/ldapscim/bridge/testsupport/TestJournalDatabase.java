package org.ldapscim.bridge.testsupport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ldapscim.bridge.journal.EmbeddedMariaDb;
import org.ldapscim.bridge.journal.JournalSettings;

/**
 * A fresh, empty MariaDB database for one test, dropped again by {@link #close()}. Use it with
 * try-with-resources or as a JUnit field annotated {@code @AutoClose}:
 *
 * <pre>{@code
 * @AutoClose
 * final TestJournalDatabase database = TestJournalDatabase.create();
 * ...
 * try (JournalDatabase journal = JournalDatabase.open(database.settings())) { ... }
 * }</pre>
 *
 * <p>The server is chosen once per JVM: the one that {@value #URL_VARIABLE} names (with
 * {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}, defaulting to {@code root} and no
 * password), else a MariaDB answering on 127.0.0.1:3306 as {@code root} without password, else an
 * embedded server started in a temporary directory and stopped when the JVM exits. Each
 * {@link #create()} makes its own uniquely named database there. If no server can be had, it throws:
 * a test that needs a database fails rather than being skipped.
 *
 * <p>Before it drops the database, {@link #close()} writes every row of every table to
 * {@code journal-<database>.rows} under {@link TestLogs#directory()}, where {@code SecretLeakCheck} looks for the
 * test secrets.
 */
public final class TestJournalDatabase implements AutoCloseable {

    public static final String URL_VARIABLE = "BRIDGE_TEST_JDBC_URL";
    public static final String USER_VARIABLE = "BRIDGE_TEST_JDBC_USER";
    public static final String PASSWORD_VARIABLE = "BRIDGE_TEST_JDBC_PASSWORD";

    private static final String LOCAL_SERVER_URL = "jdbc:mariadb://127.0.0.1:3306/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Server server;

    private final Server host;
    private final String database;
    private final JournalSettings settings;
    private boolean closed;

    private TestJournalDatabase(Server host, String database) {
        this.host = host;
        this.database = database;
        this.settings = new JournalSettings(withDatabase(host.url(), database), host.user(), host.password());
    }

    /** Creates an empty database named {@code bridge_test_<random>} on this JVM's test server. */
    public static TestJournalDatabase create() {
        Server host = server();
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String database = "bridge_test_" + HexFormat.of().formatHex(suffix);
        host.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestJournalDatabase(host, database);
    }

    /** How to reach this test's database. */
    public JournalSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            host.dump(database);
            host.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = chooseServer();
        }
        return server;
    }

    private static Server chooseServer() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault(USER_VARIABLE, "root");
            String password = System.getenv().getOrDefault(PASSWORD_VARIABLE, "");
            Server configured = new Server(url, user, password, URL_VARIABLE + "=" + new JournalSettings(url, user, password).maskedJdbcUrl());
            configured.requireReachable();
            return configured;
        }
        Server local = new Server(LOCAL_SERVER_URL, "root", "", "MariaDB on 127.0.0.1:3306");
        try {
            local.requireReachable();
            return local;
        } catch (IllegalStateException unreachable) {
            return embeddedServer(unreachable);
        }
    }

    private static Server embeddedServer(IllegalStateException localFailure) {
        Path directory;
        try {
            directory = Files.createTempDirectory("bridge-test-journal-");
        } catch (IOException e) {
            throw new IllegalStateException("No test database: " + localFailure.getMessage()
                    + ", and no temporary directory for an embedded server: " + e.getMessage(), e);
        }
        EmbeddedMariaDb embedded;
        try {
            embedded = EmbeddedMariaDb.start(directory);
        } catch (RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("No test database: " + localFailure.getMessage()
                    + ", and the embedded server did not start: " + e.getMessage(), e);
            failure.addSuppressed(localFailure);
            throw failure;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            embedded.close();
            deleteRecursively(directory);
        }, "test-journal-database-cleanup"));
        JournalSettings settings = embedded.settings();
        return new Server(withDatabase(settings.jdbcUrl(), ""), settings.username(), settings.password(),
                "embedded MariaDB in " + directory);
    }

    /** The URL with its database part, between the host list and any options, set to {@code database}. */
    static String withDatabase(String url, String database) {
        int hosts = url.indexOf("//");
        if (hosts < 0) {
            throw new IllegalArgumentException("Not a jdbc:mariadb://host/database URL: " + url);
        }
        int options = url.indexOf('?', hosts);
        int end = options < 0 ? url.length() : options;
        int slash = url.indexOf('/', hosts + 2);
        int databaseStart = slash < 0 || slash > end ? end : slash;
        return url.substring(0, databaseStart) + "/" + database + url.substring(end);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> tree = Files.walk(directory)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // The JVM is exiting; what is left is only a temporary directory.
        }
    }

    private record Server(String url, String user, String password, String description) {

        void requireReachable() {
            execute("SELECT 1");
        }

        /** One line a row: the table, then each column as {@code name=value}, tab-separated. */
        void dump(String database) {
            String tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " AND table_type = 'BASE TABLE' ORDER BY table_name";
            try (Connection connection = DriverManager.getConnection(withConnectTimeout(url), user, password);
                 PreparedStatement list = connection.prepareStatement(tables)) {
                list.setString(1, database);
                List<String> names = new ArrayList<>();
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                if (names.isEmpty()) {
                    return;
                }
                try (BufferedWriter out = TestLogs.open("journal-" + database + ".rows");
                     Statement statement = connection.createStatement()) {
                    for (String table : names) {
                        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + database + ".`" + table + "`")) {
                            ResultSetMetaData columns = rows.getMetaData();
                            while (rows.next()) {
                                StringBuilder line = new StringBuilder(table);
                                for (int column = 1; column <= columns.getColumnCount(); column++) {
                                    line.append('\t').append(columns.getColumnLabel(column)).append('=')
                                            .append(rows.getString(column));
                                }
                                out.write(line.toString().replace('\n', ' '));
                                out.newLine();
                            }
                        }
                    }
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("Cannot dump the journal database " + database + " on the "
                        + description + ": " + e.getMessage(), e);
            }
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(withConnectTimeout(url), user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot run \"" + sql + "\" on the " + description + ": " + e.getMessage(), e);
            }
        }

        // An absent server should be given up on quickly, not after the driver's 30 s default.
        private static String withConnectTimeout(String url) {
            return url + (url.contains("?") ? "&" : "?") + "connectTimeout=2000";
        }
    }
}
