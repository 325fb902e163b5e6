package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Users for requests that use a user up: one to delete, or a member a group does not have yet. They are users a
 * scenario created and {@link #adopt handed on}, and, where those do not suffice, users {@code <prefix>-N} added
 * outside the measurements. Each {@link Claim} takes them in the order they came, so a user one group got as a new
 * member can be a new member of another group too. Each add asks for the new entry's id in the same operation (the
 * post-read control, RFC 4527). Thread-safe.
 */
final class FreshUsers {
    private final LDAPConnectionPool pool;
    private final String prefix;
    private final List<BenchDirectory.User> users = new ArrayList<>();
    /** How many users this supply added itself; only {@link #grow} (one caller at a time) counts them. */
    private int fresh;

    FreshUsers(LDAPConnectionPool pool, String prefix) {
        this.pool = pool;
        this.prefix = prefix;
    }

    /** A user made elsewhere, by a POST, joins the supply. */
    void adopt(BenchDirectory.User user) {
        synchronized (users) {
            users.add(user);
        }
    }

    Claim claim() {
        return new Claim();
    }

    /** One use of the fresh users: each is taken once. */
    final class Claim {
        private final AtomicInteger taken = new AtomicInteger();

        private Claim() {
        }

        /** Makes sure {@code count} more users than this claim took so far are there to take. */
        void ensureAvailable(long count) throws LDAPException {
            grow((int) Math.min(Integer.MAX_VALUE, taken.get() + count));
        }

        /** The next user this claim has not taken; fails when {@link #ensureAvailable} was not asked for enough. */
        BenchDirectory.User take() throws LDAPException {
            int next = taken.getAndIncrement();
            synchronized (users) {
                if (next >= users.size()) {
                    throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "no fresh " + prefix + " user left to take");
                }
                return users.get(next);
            }
        }
    }

    private void grow(int wanted) throws LDAPException {
        int have;
        synchronized (users) {
            have = users.size();
        }
        if (wanted <= have) {
            return;
        }
        BenchDirectory.User[] added = new BenchDirectory.User[wanted - have];
        int first = fresh;
        ParallelWrites.run(added.length, i -> added[i] = add(first + i));
        fresh += added.length;
        synchronized (users) {
            users.addAll(List.of(added));
        }
    }

    private BenchDirectory.User add(int n) throws LDAPException {
        String uid = prefix + "-" + n;
        String dn = "uid=" + uid + "," + BenchDirectory.PEOPLE;
        AddRequest add = new AddRequest(new Entry(dn, new Attribute("objectClass", "top", "person",
                "organizationalPerson", "inetOrgPerson", "scimBridgeAux"), new Attribute("uid", uid),
                new Attribute("cn", uid), new Attribute("sn", "Fresh")));
        add.addControl(new PostReadRequestControl(true, "entryUUID"));
        LDAPResult result = pool.add(add);
        PostReadResponseControl read = PostReadResponseControl.get(result);
        if (read == null) {
            throw new LDAPException(ResultCode.CONTROL_NOT_FOUND, "the directory sent no post-read entry for " + dn);
        }
        return new BenchDirectory.User(uid, dn, read.getEntry().getAttributeValue("entryUUID"));
    }
}
