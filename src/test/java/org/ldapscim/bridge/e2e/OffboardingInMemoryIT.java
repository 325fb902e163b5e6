package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.journal.DeprovisionRecord;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.OffboardingBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;

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

    /** {@code answer: unavailable}: a held request is 503 with Retry-After, and its retries wait in the same row. */
    @Test
    void aBrakeAnsweringUnavailableRefusesWhatItHoldsAndKeepsOneRowPerAccount() throws Exception {
        String yaml = deprovisionYaml("ou=quarantine,dc=example,dc=com", "pwdAccountLockedTime")
                .replace("brake: {maxDeprovisions: 10, withinMinutes: 60}",
                        "brake: {maxDeprovisions: 1, withinMinutes: 60, answer: unavailable}");
        try (OffboardingBridge strict = OffboardingBridge.start("demo", yaml, directory.url(), null, null,
                Map.of("cautious", "offboard"))) {
            ScimClient scim = strict.scim("cautious");
            String first = createUser(scim, "cautious1." + unique() + "@example.com", null);
            String second = createUser(scim, "cautious2." + unique() + "@example.com", null);
            scim.delete("/Users/" + first).expectNoContent();

            ScimResponse refused = scim.delete("/Users/" + second);
            refused.expectError(503, null);
            assertEquals("300", refused.header("Retry-After"));
            scim.delete("/Users/" + second).expectError(503, null);

            assertTrue(scim.get("/Users/" + second).expect(200).get("active").asBoolean());
            assertEquals(1, strict.records().inState(DeprovisionRecord.HELD, 10).size());
            assertEquals(second, strict.records().held("User", second).resourceId());
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
