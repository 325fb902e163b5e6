package org.ldapscim.bridge.auth;

import java.util.OptionalLong;
import org.ldapscim.bridge.config.AuthConfig;

/**
 * Who is let in, in order: a source address locked out after too many failures is refused unchecked (429); then the
 * credentials must name a client that may call from that address (else 401, recorded as a failure); then the
 * client must have a request place free (else 429). Thread-safe; close it with the server.
 */
public final class AccessControl implements AutoCloseable {
    // A place frees as soon as one of the client's requests ends; IdPs retry throttled requests after Retry-After.
    private static final int BUSY_RETRY_AFTER_SECONDS = 1;

    private final ClientAuthenticator authenticator;
    private final FailureLimiter failures;
    private final ConcurrencyLimits concurrency;
    private final AuthFailureLog log;

    public AccessControl(AuthConfig auth, AuthFailureLog log) {
        this.authenticator = new ClientAuthenticator(auth.clients());
        this.concurrency = new ConcurrencyLimits(auth.clients());
        this.failures = new FailureLimiter(auth.failureLimit(), log);
        this.log = log;
    }

    public Admission admit(PresentedCredentials presented) {
        OptionalLong lockedOut = failures.lockedOut(presented.source());
        if (lockedOut.isPresent()) {
            return new Admission.Denied(429, "too many failed authentications from this address; try again later",
                    (int) Math.min(Integer.MAX_VALUE, lockedOut.getAsLong()));
        }
        Authentication authentication = authenticator.authenticate(presented);
        if (authentication instanceof Authentication.Refused refused) {
            failures.failed(presented.source(), refused);
            // A valid credential from outside the allow-list is answered like any other failure: whoever holds a
            // stolen token learns nothing from where it is refused. The journal keeps the real reason.
            return new Admission.Denied(401, "a valid bearer token is required", null);
        }
        String client = ((Authentication.Authenticated) authentication).client();
        return concurrency.enter(client)
                .<Admission>map(permit -> new Admission.Admitted(client, permit))
                .orElseGet(() -> new Admission.Denied(429, "client " + client + " has as many requests in progress as"
                        + " its maxConcurrentRequests allows; try again shortly", BUSY_RETRY_AFTER_SECONDS));
    }

    @Override
    public void close() {
        failures.close();
        log.close();
    }
}
