package org.ldapscim.bridge.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.ldapscim.bridge.config.ClientConfig;

/**
 * How many requests of each client are served at once ({@code maxConcurrentRequests}), so that one IdP sending a
 * burst cannot take every directory connection from the others. Thread-safe.
 */
final class ConcurrencyLimits {
    private final Map<String, Semaphore> permits = new HashMap<>();

    ConcurrencyLimits(List<ClientConfig> clients) {
        clients.forEach(client -> permits.put(client.name(), new Semaphore(client.maxConcurrentRequests())));
    }

    /** A place for one more request of the client, or empty when all its places are taken. */
    Optional<RequestPermit> enter(String client) {
        Semaphore semaphore = permits.get(client);
        return semaphore.tryAcquire() ? Optional.of(new RequestPermit(semaphore)) : Optional.empty();
    }
}
