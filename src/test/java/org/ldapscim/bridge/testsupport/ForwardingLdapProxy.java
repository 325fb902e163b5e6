package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.listener.ProxyRequestHandler;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SingleServerSet;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import javax.net.SocketFactory;

/**
 * A plain LDAP listener on a free local port that forwards every operation to a real directory through a
 * {@link Forwarder}; the proxies built on it step in on the operations they watch. Close it after the tests.
 */
abstract class ForwardingLdapProxy implements AutoCloseable {
    private final LDAPListener listener;

    /** Listens in front of {@code host:port}, reached through {@code sockets}, {@code handler} wrapping the proxy. */
    ForwardingLdapProxy(String host, int port, SocketFactory sockets,
                        Function<LDAPListenerRequestHandler, Forwarder> handler) throws IOException {
        LDAPListenerConfig config = new LDAPListenerConfig(0,
                handler.apply(new ProxyRequestHandler(new SingleServerSet(host, port, sockets))));
        config.setListenAddress(InetAddress.getLoopbackAddress());
        listener = new LDAPListener(config);
        listener.startListening();
    }

    public String url() {
        return "ldap://127.0.0.1:" + listener.getListenPort();
    }

    @Override
    public void close() {
        listener.shutDown(true);
    }

    /** Passes every request on to {@link #forward}; subclasses override the operations they watch. */
    abstract static class Forwarder extends LDAPListenerRequestHandler {
        final LDAPListenerRequestHandler forward;

        Forwarder(LDAPListenerRequestHandler forward) {
            this.forward = forward;
        }

        /** The same kind of handler, sharing this one's state, around the instance for a new connection. */
        abstract Forwarder around(LDAPListenerRequestHandler connectionForward);

        @Override
        public LDAPListenerRequestHandler newInstance(LDAPListenerClientConnection connection) throws LDAPException {
            return around(forward.newInstance(connection));
        }

        @Override
        public void closeInstance() {
            forward.closeInstance();
        }

        @Override
        public LDAPMessage processAddRequest(int messageId, AddRequestProtocolOp request, List<Control> controls) {
            return forward.processAddRequest(messageId, request, controls);
        }

        @Override
        public LDAPMessage processBindRequest(int messageId, BindRequestProtocolOp request, List<Control> controls) {
            return forward.processBindRequest(messageId, request, controls);
        }

        @Override
        public LDAPMessage processCompareRequest(int messageId, CompareRequestProtocolOp request, List<Control> controls) {
            return forward.processCompareRequest(messageId, request, controls);
        }

        @Override
        public LDAPMessage processDeleteRequest(int messageId, DeleteRequestProtocolOp request, List<Control> controls) {
            return forward.processDeleteRequest(messageId, request, controls);
        }

        @Override
        public LDAPMessage processExtendedRequest(int messageId, ExtendedRequestProtocolOp request,
                                                  List<Control> controls) {
            return forward.processExtendedRequest(messageId, request, controls);
        }

        @Override
        public LDAPMessage processModifyRequest(int messageId, ModifyRequestProtocolOp request, List<Control> controls) {
            return forward.processModifyRequest(messageId, request, controls);
        }

        @Override
        public LDAPMessage processModifyDNRequest(int messageId, ModifyDNRequestProtocolOp request,
                                                  List<Control> controls) {
            return forward.processModifyDNRequest(messageId, request, controls);
        }

        @Override
        public LDAPMessage processSearchRequest(int messageId, SearchRequestProtocolOp request, List<Control> controls) {
            return forward.processSearchRequest(messageId, request, controls);
        }
    }
}
