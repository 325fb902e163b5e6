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
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * A plain LDAP listener on a free local port that forwards every operation to a real directory (Samba over LDAPS)
 * and records each search as the directory received it, with its size limit and paging controls. For tests that
 * show what the bridge asks of a server whose own logs they cannot read. Close it after the tests.
 */
public final class RecordingLdapProxy implements AutoCloseable {
    /**
     * A search request: its size limit (0: none), the page size of its paged-results control and the window of
     * its virtual list view control (null: no such control).
     */
    public record Search(String base, SearchScope scope, String filter, int sizeLimit, Integer pageSize,
                         Integer window) {
        /** The most entries one response to it may hold; {@link Integer#MAX_VALUE} for an unbounded search. */
        public int mostEntriesPerResponse() {
            int most = Integer.MAX_VALUE;
            if (scope == SearchScope.BASE) {
                most = 1;
            }
            if (sizeLimit > 0) {
                most = Math.min(most, sizeLimit);
            }
            if (pageSize != null) {
                most = Math.min(most, pageSize);
            }
            if (window != null) {
                most = Math.min(most, window);
            }
            return most;
        }
    }

    private final LDAPListener listener;
    private final List<Search> searches;

    private RecordingLdapProxy(LDAPListener listener, List<Search> searches) {
        this.listener = listener;
        this.searches = searches;
    }

    /** A proxy in front of {@code host:port}, reached through {@code sockets} (an SSL socket factory for LDAPS). */
    public static RecordingLdapProxy to(String host, int port, SocketFactory sockets) throws IOException {
        List<Search> searches = new CopyOnWriteArrayList<>();
        LDAPListenerConfig config = new LDAPListenerConfig(0,
                new Recorder(new ProxyRequestHandler(new SingleServerSet(host, port, sockets)), searches));
        config.setListenAddress(InetAddress.getLoopbackAddress());
        LDAPListener listener = new LDAPListener(config);
        listener.startListening();
        return new RecordingLdapProxy(listener, searches);
    }

    public String url() {
        return "ldap://127.0.0.1:" + listener.getListenPort();
    }

    /** The searches forwarded since the proxy started or was last {@link #clear cleared}. */
    public List<Search> searches() {
        return List.copyOf(searches);
    }

    public void clear() {
        searches.clear();
    }

    @Override
    public void close() {
        listener.shutDown(true);
    }

    /** Forwards every request to the proxy handler, noting each search on the way. */
    private static final class Recorder extends LDAPListenerRequestHandler {
        private final LDAPListenerRequestHandler forward;
        private final List<Search> searches;

        Recorder(LDAPListenerRequestHandler forward, List<Search> searches) {
            this.forward = forward;
            this.searches = searches;
        }

        @Override
        public LDAPListenerRequestHandler newInstance(LDAPListenerClientConnection connection) throws LDAPException {
            return new Recorder(forward.newInstance(connection), searches);
        }

        @Override
        public void closeInstance() {
            forward.closeInstance();
        }

        @Override
        public LDAPMessage processSearchRequest(int messageId, SearchRequestProtocolOp request, List<Control> controls) {
            Integer pageSize = null;
            Integer window = null;
            for (Control control : controls) {
                try {
                    if (control.getOID().equals(SimplePagedResultsControl.PAGED_RESULTS_OID)) {
                        pageSize = new SimplePagedResultsControl(control.getOID(), control.isCritical(),
                                control.getValue()).getSize();
                    } else if (control.getOID().equals(VirtualListViewRequestControl.VIRTUAL_LIST_VIEW_REQUEST_OID)) {
                        VirtualListViewRequestControl view = new VirtualListViewRequestControl(control);
                        window = view.getBeforeCount() + 1 + view.getAfterCount();
                    }
                } catch (LDAPException e) {
                    throw new IllegalStateException("the bridge sent a control the proxy cannot decode: " + control, e);
                }
            }
            searches.add(new Search(request.getBaseDN(), request.getScope(), request.getFilter().toString(),
                    request.getSizeLimit(), pageSize, window));
            return forward.processSearchRequest(messageId, request, controls);
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
    }
}
