package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups: adding one member to a group of 10, 10,000 and 100,000 members, and reading a group of 10,000 with and
 * without its members. A group larger than the directory's users is skipped.
 */
final class GroupScenarios {
    private static final int SMALL = 10;
    /** Member adds to groups of 10 rotate over this many, so that each grows by a few members only. */
    private static final int SMALL_GROUPS = 200;
    private static final int READ = 10_000;
    private static final int[] LARGE = {10_000, 100_000};
    private static final String[] GROUP_ATTRIBUTES_BUT_MEMBERS = {"objectClass", "cn", "scimExternalId", "entryUUID",
            "createTimestamp", "modifyTimestamp", "entryCSN"};

    private GroupScenarios() {
    }

    /**
     * A member PATCH is answered without the member list, as IdPs take it (Entra's profile answers 204): a group
     * answered whole would be read whole, which is the GET scenarios' cost, not the write's.
     */
    private static final String WITHOUT_MEMBERS = "?excludedAttributes=members";

    static List<Scenario> of(Fixture f) {
        SeededGroups groups = new SeededGroups(f);
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(Scenario.of("PATCH add member, groups of 10",
                        n -> {
                            int g = (int) (n % SMALL_GROUPS);
                            f.bridge().patch("/Groups/" + groups.of(Scenario.Side.BRIDGE, SMALL_GROUPS, SMALL).get(g)
                                    .id() + WITHOUT_MEMBERS,
                                    addMember(groups.after(g, SMALL, n / SMALL_GROUPS).id()), 200);
                        },
                        n -> {
                            int g = (int) (n % SMALL_GROUPS);
                            f.raw().modify(groups.of(Scenario.Side.RAW, SMALL_GROUPS, SMALL).get(g).dn(),
                                    new Modification(ModificationType.ADD, "member",
                                            groups.after(g, SMALL, n / SMALL_GROUPS).dn()));
                        })
                .preparedBy((side, requests) -> groups.of(side, SMALL_GROUPS, SMALL)));
        String read = String.format("GET group of %,d", READ);
        String bare = read + ", excludedAttributes=members";
        if (READ > f.size()) {
            scenarios.add(Scenario.skipped(read, tooLarge(f, READ)));
            scenarios.add(Scenario.skipped(bare, tooLarge(f, READ)));
        } else {
            scenarios.add(Scenario.of(read,
                            n -> f.bridge().get("/Groups/" + groups.of(Scenario.Side.BRIDGE, 1, READ).get(0).id(), 200),
                            n -> members(f.raw().getEntry(groups.of(Scenario.Side.RAW, 1, READ).get(0).dn(),
                                    RawPages.USER_ATTRIBUTES), READ))
                    .preparedBy((side, requests) -> groups.of(side, 1, READ)));
            scenarios.add(Scenario.of(bare,
                            n -> f.bridge().get("/Groups/" + groups.of(Scenario.Side.BRIDGE, 1, READ).get(0).id()
                                    + "?excludedAttributes=members", 200),
                            n -> members(f.raw().getEntry(groups.of(Scenario.Side.RAW, 1, READ).get(0).dn(),
                                    GROUP_ATTRIBUTES_BUT_MEMBERS), 0))
                    .preparedBy((side, requests) -> groups.of(side, 1, READ)));
        }
        FreshUsers bridgeFresh = new FreshUsers(f.raw(), "bench-member-b");
        FreshUsers rawFresh = new FreshUsers(f.raw(), "bench-member-r");
        for (int size : LARGE) {
            String name = String.format("PATCH add member, group of %,d", size);
            if (size > f.size()) {
                scenarios.add(Scenario.skipped(name, tooLarge(f, size)));
                continue;
            }
            FreshUsers.Claim bridgeNew = bridgeFresh.claim();
            FreshUsers.Claim rawNew = rawFresh.claim();
            scenarios.add(Scenario.of(name,
                            n -> f.bridge().patch("/Groups/" + groups.of(Scenario.Side.BRIDGE, 1, size).get(0).id()
                                            + WITHOUT_MEMBERS,
                                    addMember(bridgeNew.take().id()), 200),
                            n -> f.raw().modify(groups.of(Scenario.Side.RAW, 1, size).get(0).dn(),
                                    new Modification(ModificationType.ADD, "member", rawNew.take().dn())))
                    .capped(WriteScenarios.CREATES_PER_MEASUREMENT)
                    .preparedBy((side, requests) -> {
                        groups.of(side, 1, size);
                        (side == Scenario.Side.BRIDGE ? bridgeNew : rawNew).ensureAvailable(requests);
                    }));
        }
        return scenarios;
    }

    private static String addMember(String id) {
        return Fixture.patch("add", "members", "[{\"value\":\"" + id + "\"}]");
    }

    private static String tooLarge(Fixture f, int size) {
        return String.format("a group of %,d needs as many users; the directory has %,d", size, f.size());
    }

    /** Fails unless the group entry came back with {@code least} members or more (none when 0). */
    private static void members(SearchResultEntry group, int least) throws LDAPException {
        int members = group == null || !group.hasAttribute("member") ? 0 : group.getAttributeValues("member").length;
        if (group == null || members < least || (least == 0 && members > 0)) {
            throw new LDAPException(ResultCode.NO_RESULTS_RETURNED, "a group of " + members + " members");
        }
    }
}
