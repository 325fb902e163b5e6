package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;

/**
 * An IdP's sync as it looks from the server: {@link Settings#SYNC_CLIENTS} clients, 90% reads (by id, by a userName
 * filter) and 10% writes (disable or enable, a new title). Request {@code n} picks its kind by {@code n % 20}, so the
 * mix is exact over any run. The raw side sends the same mix from as many threads, on a pool of as many connections.
 */
final class SyncScenario {
    private SyncScenario() {
    }

    static Scenario of(Fixture f, LDAPConnectionPool rawPool) {
        return Scenario.of("sync: 90% reads, 10% writes", n -> bridge(f, n), n -> raw(f, rawPool, n))
                .atConcurrency(Settings.SYNC_CLIENTS);
    }

    private static void bridge(Fixture f, long n) throws Exception {
        BenchDirectory.User user = f.user(n);
        switch ((int) (n % 20)) {
            case 0 -> f.bridge().patch("/Users/" + user.id(), Fixture.patch("Replace", "active",
                    String.valueOf(enables(n))), 200);
            case 1 -> f.bridge().patch("/Users/" + user.id(), Fixture.patch("Replace", "title",
                    "\"Title " + n + "\""), 200);
            case 2, 3, 4, 5, 6, 7, 8, 9, 10 -> f.bridge().get("/Users/" + user.id(), 200);
            default -> f.bridge().get("/Users?filter=" + Fixture.encode("userName eq \"" + user.uid() + "\""), 200);
        }
    }

    private static void raw(Fixture f, LDAPConnectionPool pool, long n) throws LDAPException {
        BenchDirectory.User user = f.user(n);
        switch ((int) (n % 20)) {
            // An empty replace removes the lock where there is one and is no error where there is none.
            case 0 -> pool.modify(user.dn(), enables(n)
                    ? new Modification(ModificationType.REPLACE, "pwdAccountLockedTime")
                    : new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", WriteScenarios.LOCKED));
            case 1 -> pool.modify(user.dn(), new Modification(ModificationType.REPLACE, "title", "Title " + n));
            case 2, 3, 4, 5, 6, 7, 8, 9, 10 -> one(pool, Filter.createEqualityFilter("entryUUID", user.id()));
            default -> one(pool, Filter.createEqualityFilter("uid", user.uid()));
        }
    }

    /** Every other disable of the sync is an enable, so that the run does not lock everyone. */
    private static boolean enables(long n) {
        return (n / 20) % 2 == 1;
    }

    private static void one(LDAPConnectionPool pool, Filter filter) throws LDAPException {
        if (pool.search(ReadScenarios.users(filter)).getEntryCount() != 1) {
            throw new LDAPException(ResultCode.NO_RESULTS_RETURNED, "not one user for " + filter);
        }
    }
}
