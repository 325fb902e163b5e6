package org.ldapscim.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.journal.JournalSettings;
import org.ldapscim.bridge.testsupport.OpenLdapServer;

/**
 * The bench bridge's {@code bridge.yaml}: the test support's shape (one directory, the journal, a preset's mappings,
 * one lenient client), with the client allowed as many requests at once as the sync sends, as an operator would set
 * {@code maxConcurrentRequests} for an IdP that syncs with 50 connections (the default 16 answers the rest 429).
 */
final class BenchConfigFile {
    private BenchConfigFile() {
    }

    static Path write(String preset, List<String> ldap, JournalSettings journal, String token, int concurrentRequests)
            throws IOException {
        Path mappings = OpenLdapServer.projectDir().resolve("config").resolve(preset);
        Path config = Files.createTempDirectory("bench-").resolve("bridge.yaml");
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
                    - {name: bench, tokenHashes: ["%s"], profile: lenient, maxConcurrentRequests: %d}
                mappings: ["%s", "%s"]
                """.formatted(String.join("\n", ldap.stream().map(line -> "  " + line).toList()),
                journal.jdbcUrl(), journal.username(), journal.password(), TokenHash.of(token), concurrentRequests,
                mappings.resolve("users.yaml"), mappings.resolve("groups.yaml")));
        return config;
    }
}
