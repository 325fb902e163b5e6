package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.List;

/**
 * Writes to users: create (with the journal), full replace, Entra's disable, delete. Those that add or take away
 * entries are capped per measurement, so that the directory's size stays near the seeded one: DELETE deletes what
 * POST created on its side, and users added for it beforehand where those run out.
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
                                new Modification(ModificationType.REPLACE, "title", "Title " + n),
                                new Modification(ModificationType.REPLACE, "sn", "Seed" + number(f, n)),
                                new Modification(ModificationType.REPLACE, "mail", f.user(n).uid() + "@example.com"))),
                Scenario.of("PATCH user active=false",
                        n -> f.bridge().patch("/Users/" + f.user(n).id(), Fixture.patch("Replace", "active", "false"),
                                200),
                        n -> f.raw().modify(f.user(n).dn(), new Modification(ModificationType.REPLACE,
                                "pwdAccountLockedTime", LOCKED))),
                Scenario.of("DELETE /Users/{id}",
                        n -> f.bridge().delete("/Users/" + bridgeDeletes.take().id(), 204),
                        n -> f.raw().delete(rawDeletes.take().dn()))
                        .capped(CREATES_PER_MEASUREMENT)
                        .preparedBy((side, requests) -> (side == Scenario.Side.BRIDGE ? bridgeDeletes : rawDeletes)
                                .ensureAvailable(requests)));
    }

    private static String dn(String uid) {
        return "uid=" + uid + "," + BenchDirectory.PEOPLE;
    }

    /**
     * The user as a PUT gives it whole: the seeded values the other scenarios look users up by, kept, and a new
     * displayName and title; a raw client replaces the same four attributes.
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
