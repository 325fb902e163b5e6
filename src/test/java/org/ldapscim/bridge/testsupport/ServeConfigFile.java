package org.ldapscim.bridge.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.journal.JournalSettings;

/**
 * A {@code bridge.yaml} for a {@code serve} process ({@link ServeProcess}): one directory, a test journal, the
 * mappings of one shipped preset and one lenient client known by its token.
 */
public final class ServeConfigFile {

    private ServeConfigFile() {
    }

    /**
     * @param preset      the folder under {@code config/}, e.g. {@code demo}
     * @param ldap        the lines of the {@code ldap} section, e.g. {@code urls: ["ldap://127.0.0.1:389"]}
     * @param extraYaml   further top-level sections, or an empty string
     */
    public static Path write(String preset, List<String> ldap, JournalSettings journal, String client, String token,
                             String extraYaml) throws IOException {
        return write(preset, ldap, journal, client, token, "", extraYaml);
    }

    /** As above, with {@code clientSettings} (e.g. {@code ", maxConcurrentRequests: 50"}) added to the client's. */
    public static Path write(String preset, List<String> ldap, JournalSettings journal, String client, String token,
                             String clientSettings, String extraYaml) throws IOException {
        Path mappings = OpenLdapServer.projectDir().resolve("config").resolve(preset);
        Path config = Files.createTempDirectory(client + "-").resolve("bridge.yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: 0}
                ldap:
                %s
                journal:
                  jdbcUrl: "%s"
                  username: "%s"
                  password: "%s"
                auth:
                  clients:
                    - {name: %s, tokenHashes: ["%s"], profile: lenient%s}
                mappings: ["%s", "%s"]
                %s""".formatted(String.join("\n", ldap.stream().map(line -> "  " + line).toList()),
                journal.jdbcUrl(), journal.username(), journal.password(), client, TokenHash.of(token),
                clientSettings, mappings.resolve("users.yaml"), mappings.resolve("groups.yaml"), extraYaml));
        return config;
    }
}
