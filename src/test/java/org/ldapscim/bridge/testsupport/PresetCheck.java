package org.ldapscim.bridge.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.ldapscim.bridge.cli.Main;
import org.ldapscim.bridge.journal.JournalSettings;

/**
 * Runs the real {@code check-config} command, as its own process on the test class path, on a copy of a
 * shipped preset under {@code config/} whose {@code ldap} and {@code journal} sections point at a live
 * directory and a test journal database; the preset's mapping files are copied as they are, or changed by
 * a breakage.
 *
 * <pre>{@code
 * PresetCheck.Result result = PresetCheck.run("openldap", slapd.url(), dn, password, temp, UnaryOperator.identity());
 * assertEquals(0, result.exit());
 * }</pre>
 */
public final class PresetCheck {
    private static final long TIMEOUT_SECONDS = 120;

    /** The command's exit code and what it printed. */
    public record Result(int exit, String out, String err) {
    }

    private PresetCheck() {
    }

    /**
     * Checks {@code config/<preset>} against the directory at {@code url}, with {@code users.yaml} changed by
     * {@code usersBreakage} first.
     */
    public static Result run(String preset, String url, String bindDn, String bindPassword, Path folder,
                             UnaryOperator<String> usersBreakage) throws IOException, InterruptedException {
        Path shipped = OpenLdapServer.projectDir().resolve("config").resolve(preset);
        Path copy = Files.createDirectories(folder.resolve(preset));
        Files.writeString(copy.resolve("users.yaml"), usersBreakage.apply(Files.readString(shipped.resolve("users.yaml"))));
        Files.copy(shipped.resolve("groups.yaml"), copy.resolve("groups.yaml"));
        try (TestJournalDatabase database = TestJournalDatabase.create()) {
            Files.writeString(copy.resolve("bridge.yaml"), pointedAt(Files.readString(shipped.resolve("bridge.yaml")),
                    url, bindDn, secretFile(copy, "ldap-bind-password", bindPassword), database.settings(), copy));
            return check(copy.resolve("bridge.yaml"));
        }
    }

    /** The preset's bridge.yaml with its ldap and journal connections replaced by the live ones. */
    private static String pointedAt(String bridgeYaml, String url, String bindDn, Path bindPassword,
                                     JournalSettings journal, Path copy) throws IOException {
        String journalPassword = journal.password().isEmpty() ? ""
                : "  password: {file: " + secretFile(copy, "journal-password", journal.password()) + "}\n";
        String text = bridgeYaml
                .replaceAll("(?m)^  urls: .*$", "  urls: [\"" + url + "\"]")
                .replaceAll("(?m)^  bindDn: .*$", "  bindDn: \"" + bindDn + "\"")
                .replaceAll("(?m)^  bindPassword: .*$", "  bindPassword: {file: " + bindPassword + "}")
                .replaceAll("(?m)^  tls:\n(    .*\n)+", "")
                .replaceAll("(?m)^  jdbcUrl: .*$", "  jdbcUrl: \"" + journal.jdbcUrl() + "\"")
                .replaceAll("(?m)^  username: scim_bridge$", "  username: \"" + journal.username() + "\"")
                .replaceAll("(?m)^  password: \\{credential: journal-password}\n", journalPassword);
        if (text.contains("example.com:636") || text.contains("credential:")) {
            throw new IllegalStateException("the preset's bridge.yaml no longer has the shape this copy expects:\n"
                    + text);
        }
        return text;
    }

    private static Path secretFile(Path folder, String name, String secret) throws IOException {
        return Files.writeString(folder.resolve(name), secret + "\n");
    }

    private static Result check(Path bridgeYaml) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "check-config", "--config", bridgeYaml.toString()));
        Path out = Files.createTempFile("check-config-", ".out");
        Path err = Files.createTempFile("check-config-", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("check-config did not end within " + TIMEOUT_SECONDS + " s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            TestLogs.record("check-config", process.pid(), result.out());
            TestLogs.record("check-config", process.pid(), result.err());
            return result;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
