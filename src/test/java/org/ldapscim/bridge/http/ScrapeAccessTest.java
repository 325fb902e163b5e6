package org.ldapscim.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.MetricsConfig;

class ScrapeAccessTest {

    @Test
    void anAllowFromEntryThatIsNoAddressNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ScrapeAccess(new MetricsConfig(true, List.of("10.0.0.1", "10.0.0.0/99"), null)));
        assertEquals("server.metrics.allowFrom[1]", e.keyPath());
    }

    @Test
    void aMalformedTokenHashNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ScrapeAccess(new MetricsConfig(true, null, "plain-token")));
        assertEquals("server.metrics.tokenHash", e.keyPath());
    }
}
