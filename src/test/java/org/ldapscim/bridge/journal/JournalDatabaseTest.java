package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class JournalDatabaseTest {

    @Test
    void unreachableDatabaseFailsNamingTheMaskedUrlAndTheCauseButNotThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:mariadb://127.0.0.1:" + closedPort + "/journal?password=hunter2&connectTimeout=2000";

        JournalException failure = assertThrows(JournalException.class,
                () -> JournalDatabase.open(new JournalSettings(url, "bridge", "hunter2")));

        String message = failure.getMessage();
        assertTrue(message.contains("jdbc:mariadb://127.0.0.1:" + closedPort + "/journal?password=<masked>"), message);
        assertTrue(message.toLowerCase().contains("connect"), message);
        assertFalse(message.contains("hunter2"), message);
        assertNotNull(failure.getCause());
    }
}
