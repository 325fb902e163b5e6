package org.ldapscim.bridge.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.OffboardingBridge;

/** {@link OffboardingScenarios} on the demo preset over the in-memory directory, locked with pwdAccountLockedTime. */
class OffboardingInMemoryIT extends OffboardingScenarios {
    private static InMemoryDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        directory = InMemoryDirectory.startDemo(0);
        bridge = OffboardingBridge.start("demo", deprovisionYaml("ou=quarantine,dc=example,dc=com",
                "pwdAccountLockedTime"), directory.url(), null, null, clients());
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    @Override
    String people() {
        return "ou=people,dc=example,dc=com";
    }

    @Override
    String quarantine() {
        return "ou=quarantine,dc=example,dc=com";
    }

    @Override
    String lockAttribute() {
        return "pwdAccountLockedTime";
    }

    @Override
    String idAttribute() {
        return "entryUUID";
    }
}
