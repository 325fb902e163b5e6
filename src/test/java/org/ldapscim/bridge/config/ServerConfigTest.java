package org.ldapscim.bridge.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain HTTP is served on loopback only, unless configured otherwise by name. */
class ServerConfigTest {

    private static ServerConfig plain(String host) {
        return new ServerConfig(host, 8080, null, null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
    void plainHttpOnLoopbackIsAllowed(String host) {
        assertDoesNotThrow(() -> plain(host).requireSafeTransport());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10"})
    void plainHttpElsewhereIsRefusedUnlessConfigured(String host) {
        ConfigException e = assertThrows(ConfigException.class, () -> plain(host).requireSafeTransport());
        assertEquals("server.host", e.keyPath());

        assertDoesNotThrow(() -> plain(host).withPlainHttp(true).requireSafeTransport());
        assertDoesNotThrow(() -> plain(host).withTls(TlsListenerConfig.pem("server.crt", "server.key"))
                .requireSafeTransport());
    }
}
