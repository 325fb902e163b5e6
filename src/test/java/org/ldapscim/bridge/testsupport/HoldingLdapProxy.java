package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.AddResponseProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyDNResponseProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyResponseProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.SocketFactory;

/**
 * A plain LDAP listener on a free local port that forwards every operation to a real directory, and can hold the
 * next write (add, modify, modify-DN, delete) at one of two points: {@link Stage#REQUEST} before the directory got
 * it, {@link Stage#RESPONSE} after the directory applied it but before its answer goes back. A test then does what
 * it likes to the writer (kill it) and lets the write go. Close it after the tests.
 */
public final class HoldingLdapProxy extends ForwardingLdapProxy {
    /** Where a held write waits. */
    public enum Stage { REQUEST, RESPONSE }

    private final Holds holds;

    private HoldingLdapProxy(String host, int port, Holds holds) throws IOException {
        super(host, port, SocketFactory.getDefault(), forward -> new Holder(forward, holds));
        this.holds = holds;
    }

    /** A proxy in front of {@code ldap://host:port}. */
    public static HoldingLdapProxy to(String host, int port) throws IOException {
        return new HoldingLdapProxy(host, port, new Holds());
    }

    /** Holds the next write at {@code stage}, until {@link #release}. */
    public void holdNextWrite(Stage stage) {
        holds.next.set(new Hold(stage));
    }

    /** Waits until a write is held; false if none came within the time. */
    public boolean awaitHeld(long seconds) throws InterruptedException {
        Hold hold = holds.current.get();
        for (long waited = 0; hold == null && waited < seconds * 10; waited++) {
            Thread.sleep(100);
            hold = holds.current.get();
        }
        return hold != null && hold.held.await(seconds, TimeUnit.SECONDS);
    }

    /**
     * Lets the held write go on: a write held at {@link Stage#REQUEST} is sent to the directory if {@code forward},
     * else answered "unavailable" without the directory ever seeing it; one held at {@link Stage#RESPONSE} has its
     * answer sent back.
     */
    public void release(boolean forward) {
        Hold hold = holds.current.getAndSet(null);
        if (hold != null) {
            hold.forward = forward;
            hold.released.countDown();
        }
    }

    @Override
    public void close() {
        release(false);
        super.close();
    }

    private static final class Hold {
        final Stage stage;
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        volatile boolean forward = true;

        Hold(Stage stage) {
            this.stage = stage;
        }

        void await() {
            held.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Holds {
        final AtomicReference<Hold> next = new AtomicReference<>();
        final AtomicReference<Hold> current = new AtomicReference<>();

        /** Runs the write, held as the test asked; {@code refused} is its answer when it is not sent. */
        LDAPMessage write(Supplier<LDAPMessage> send, Supplier<LDAPMessage> refused) {
            Hold hold = next.getAndSet(null);
            if (hold == null) {
                return send.get();
            }
            current.set(hold);
            if (hold.stage == Stage.REQUEST) {
                hold.await();
                return hold.forward ? send.get() : refused.get();
            }
            LDAPMessage answer = send.get();
            hold.await();
            return answer;
        }
    }

    /** Forwards every request to the proxy handler, holding writes as asked. */
    private static final class Holder extends Forwarder {
        /** The diagnostic message of the answer to a write the test dropped. */
        private static final String DROPPED = "held and dropped by the test proxy";

        private final Holds holds;

        Holder(LDAPListenerRequestHandler forward, Holds holds) {
            super(forward);
            this.holds = holds;
        }

        @Override
        Forwarder around(LDAPListenerRequestHandler connectionForward) {
            return new Holder(connectionForward, holds);
        }

        @Override
        public LDAPMessage processAddRequest(int messageId, AddRequestProtocolOp request, List<Control> controls) {
            return holds.write(() -> forward.processAddRequest(messageId, request, controls),
                    () -> new LDAPMessage(messageId,
                            new AddResponseProtocolOp(ResultCode.UNAVAILABLE_INT_VALUE, null, DROPPED, null)));
        }

        @Override
        public LDAPMessage processDeleteRequest(int messageId, DeleteRequestProtocolOp request, List<Control> controls) {
            return holds.write(() -> forward.processDeleteRequest(messageId, request, controls),
                    () -> new LDAPMessage(messageId,
                            new DeleteResponseProtocolOp(ResultCode.UNAVAILABLE_INT_VALUE, null, DROPPED, null)));
        }

        @Override
        public LDAPMessage processModifyRequest(int messageId, ModifyRequestProtocolOp request, List<Control> controls) {
            return holds.write(() -> forward.processModifyRequest(messageId, request, controls),
                    () -> new LDAPMessage(messageId,
                            new ModifyResponseProtocolOp(ResultCode.UNAVAILABLE_INT_VALUE, null, DROPPED, null)));
        }

        @Override
        public LDAPMessage processModifyDNRequest(int messageId, ModifyDNRequestProtocolOp request,
                                                  List<Control> controls) {
            return holds.write(() -> forward.processModifyDNRequest(messageId, request, controls),
                    () -> new LDAPMessage(messageId,
                            new ModifyDNResponseProtocolOp(ResultCode.UNAVAILABLE_INT_VALUE, null, DROPPED, null)));
        }
    }
}
