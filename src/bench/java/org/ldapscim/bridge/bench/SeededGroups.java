package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The groupOfNames the group scenarios read and write, one set per side so that neither side's writes change what
 * the other measures; made when a scenario first needs them, after the user scenarios (whose users' memberOf they
 * would otherwise grow). Members are the seeded users in their order.
 */
final class SeededGroups {
    /** Members per add or modify: a 100,000-member add would pass slapd's 4 MB limit on an incoming request. */
    private static final int MEMBERS_PER_WRITE = 10_000;

    private final Fixture f;
    private final Map<String, List<Group>> made = new ConcurrentHashMap<>();

    record Group(String dn, String id) {
    }

    SeededGroups(Fixture f) {
        this.f = f;
    }

    /** {@code count} groups of {@code size} members for {@code side}; group g holds users g*size to g*size+size-1. */
    List<Group> of(Scenario.Side side, int count, int size) throws LDAPException {
        String prefix = "bench-" + (side == Scenario.Side.BRIDGE ? "b" : "r") + "-" + size;
        List<Group> groups = made.get(prefix);
        return groups != null ? groups : make(prefix, side, count, size);
    }

    private synchronized List<Group> make(String prefix, Scenario.Side side, int count, int size)
            throws LDAPException {
        List<Group> groups = made.get(prefix);
        if (groups == null) {
            long started = System.nanoTime();
            Group[] added = new Group[count];
            ParallelWrites.run(count, g -> added[g] = add(prefix + "-" + g, g * size, size));
            groups = List.of(added);
            made.put(prefix, groups);
            Benchmark.log("made %,d groups of %,d members for the %s side in %.1f s", count, size,
                    side.name().toLowerCase(Locale.ROOT), (System.nanoTime() - started) / 1e9);
        }
        return groups;
    }

    /** The seeded user {@code n} places past a group's first member, as a new member not yet in it. */
    BenchDirectory.User after(int group, int size, long n) {
        return f.user((long) group * size + size + n);
    }

    private Group add(String cn, int first, int size) throws LDAPException {
        String dn = "cn=" + cn + "," + BenchDirectory.GROUPS;
        LDAPConnectionPool pool = f.raw();
        AddRequest add = new AddRequest(new Entry(dn, new Attribute("objectClass", "top", "groupOfNames"),
                new Attribute("cn", cn), new Attribute("member", members(first, Math.min(size, MEMBERS_PER_WRITE)))));
        add.addControl(new PostReadRequestControl(true, "entryUUID"));
        LDAPResult result = pool.add(add);
        for (int from = MEMBERS_PER_WRITE; from < size; from += MEMBERS_PER_WRITE) {
            pool.modify(dn, new Modification(ModificationType.ADD, "member",
                    members(first + from, Math.min(MEMBERS_PER_WRITE, size - from)).toArray(String[]::new)));
        }
        PostReadResponseControl read = PostReadResponseControl.get(result);
        if (read == null) {
            throw new LDAPException(ResultCode.CONTROL_NOT_FOUND, "the directory sent no post-read entry for " + dn);
        }
        return new Group(dn, read.getEntry().getAttributeValue("entryUUID"));
    }

    private List<String> members(int first, int count) {
        List<String> dns = new ArrayList<>(count);
        for (int m = 0; m < count; m++) {
            dns.add(f.user(first + m).dn());
        }
        return dns;
    }
}
