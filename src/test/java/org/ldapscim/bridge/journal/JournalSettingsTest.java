package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JournalSettingsTest {

    @Test
    void toStringMasksThePassword() {
        String text = new JournalSettings("jdbc:mariadb://db:3306/journal", "bridge", "s3cret").toString();

        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.contains("password=<masked>"), text);
        assertTrue(text.contains("jdbc:mariadb://db:3306/journal"), text);
        assertTrue(text.contains("username=bridge"), text);
    }

    @Test
    void toStringMasksAPasswordInsideTheUrl() {
        String text = new JournalSettings("jdbc:mariadb://db/journal?user=bridge&password=s3cret&useSsl=true", "", "")
                .toString();

        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.contains("password=<masked>&useSsl=true"), text);
    }

    @Test
    void poolSizeDefaultsToFour() {
        assertEquals(4, new JournalSettings("jdbc:mariadb://db/journal", "root", "").maximumPoolSize());
    }

    @Test
    void missingCredentialsAreTakenAsEmpty() {
        JournalSettings settings = new JournalSettings("jdbc:mariadb://db/journal", null, null);

        assertEquals("", settings.username());
        assertEquals("", settings.password());
    }

    @Test
    void rejectsAPoolWithoutConnections() {
        assertThrows(IllegalArgumentException.class, () -> new JournalSettings("jdbc:mariadb://db/journal", "root", "", 0));
    }

    @Test
    void rejectsABlankUrl() {
        assertThrows(IllegalArgumentException.class, () -> new JournalSettings(" ", "root", ""));
    }
}
