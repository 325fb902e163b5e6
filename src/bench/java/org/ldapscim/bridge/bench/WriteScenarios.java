package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.List;

/**
 * Writes to users: create (with the journal), full replace, Entra's disable (and enable), delete. Those that add or
 * take away entries are capped per measurement, so that the directory's size stays near the seeded one: DELETE
 * deletes what POST created on its side, and users added for it beforehand where those run out.
 */
final class WriteScenarios {
    /** The requests of one measurement of a scenario that adds or deletes entries. */
    static final int CREATES_PER_MEASUREMENT = 3_000;
    static final String LOCKED = "000001010000Z";
    private static final String POSTED = "bench-post";

    private WriteScenarios() {
    }

    static List<Scenario> of(Fixture f) {
        FreshUsers bridgeVictims = new FreshUsers(f.raw(), "bench-del-b");
        FreshUsers rawVictims = new FreshUsers(f.raw(), "bench-del-r");
        FreshUsers.Claim bridgeDeletes = bridgeVictims.claim();
        FreshUsers.Claim rawDeletes = rawVictims.claim();
        return List.of(
                Scenario.of("POST /Users", n -> {
                            String uid = POSTED + "-b-" + n;
                            String created = f.bridge().post("/Users", "{\"schemas\":[\"" + Fixture.USER_SCHEMA
                                    + "\"],\"userName\":\"" + uid + "\",\"name\":{\"familyName\":\"Bench\"}}", 201);
                            bridgeVictims.adopt(new BenchDirectory.User(uid, dn(uid), Fixture.json(created).path("id")
                                    .asText()));
                        }, n -> {
                            String uid = POSTED + "-r-" + n;
                            f.raw().add(new Entry(dn(uid), new Attribute("objectClass", "top", "person",
                                    "organizationalPerson", "inetOrgPerson", "scimBridgeAux"),
                                    new Attribute("uid", uid), new Attribute("cn", uid), new Attribute("sn", "Bench")));
                            rawVictims.adopt(new BenchDirectory.User(uid, dn(uid), null));
                        })
                        .capped(CREATES_PER_MEASUREMENT),
                Scenario.of("PUT /Users/{id}",
                        n -> f.bridge().put("/Users/" + f.user(n).id(), replacement(f, n), 200),
                        n -> f.raw().modify(f.user(n).dn(),
                                new Modification(ModificationType.REPLACE, "displayName", displayName(f, n)),
                                new Modification(ModificationType.REPLACE, "title", "Title " + n))),
                Scenario.of("PATCH user active (disable, enable)",
                        n -> f.bridge().patch("/Users/" + toggled(f, Scenario.Side.BRIDGE, n).id(),
                                Fixture.patch("Replace", "active", String.valueOf(!disables(f, n))), 200),
                        n -> f.raw().modify(toggled(f, Scenario.Side.RAW, n).dn(), disables(f, n)
                                ? new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", LOCKED)
                                // An empty replace removes the lock.
                                : new Modification(ModificationType.REPLACE, "pwdAccountLockedTime"))),
                Scenario.of("DELETE /Users/{id}",
                        n -> f.bridge().delete("/Users/" + bridgeDeletes.take().id(), 204),
                        n -> f.raw().delete(rawDeletes.take().dn()))
                        .capped(CREATES_PER_MEASUREMENT)
                        .preparedBy((side, requests) -> (side == Scenario.Side.BRIDGE ? bridgeDeletes : rawDeletes)
                                .ensureAvailable(requests)));
    }

    /**
     * The user a side's request {@code n} disables or enables: the bridge's are the even-numbered users, the raw
     * side's the odd, so that neither side's writes leave the other's nothing to change.
     */
    private static BenchDirectory.User toggled(Fixture f, Scenario.Side side, long n) {
        return f.user(2 * (n % half(f)) + (side == Scenario.Side.RAW ? 1 : 0));
    }

    /** Each pass over a side's half of the users disables them (Entra's {@code Replace} of active), the next enables. */
    private static boolean disables(Fixture f, long n) {
        return (n / half(f)) % 2 == 0;
    }

    private static long half(Fixture f) {
        return Math.max(1, f.size() / 2);
    }

    private static String dn(String uid) {
        return "uid=" + uid + "," + BenchDirectory.PEOPLE;
    }

    /**
     * The user as a PUT gives it whole: the seeded values the other scenarios look users up by, kept, and a new
     * displayName and title. The bridge writes only the attributes whose values differ from the entry's, so the raw
     * client replaces those two.
     */
    private static String replacement(Fixture f, long n) {
        BenchDirectory.User user = f.user(n);
        return "{\"schemas\":[\"" + Fixture.USER_SCHEMA + "\"],\"userName\":\"" + user.uid() + "\",\"externalId\":\""
                + "seed-ext-" + number(f, n) + "\",\"name\":{\"familyName\":\"Seed" + number(f, n) + "\"},"
                + "\"displayName\":\"" + displayName(f, n) + "\",\"title\":\"Title " + n + "\",\"emails\":[{\"type\":"
                + "\"work\",\"primary\":true,\"value\":\"" + user.uid() + "@example.com\"}]}";
    }

    private static String displayName(Fixture f, long n) {
        return "Seed " + number(f, n) + " (" + n + ")";
    }

    /** The seed's number of user {@code n}: its uid without the {@code seed} prefix. */
    private static int number(Fixture f, long n) {
        return Integer.parseInt(f.user(n).uid().substring("seed".length()));
    }
}
