package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * A plain LDAP listener on a free local port that forwards every operation to a real directory (Samba over LDAPS)
 * and records each search as the directory received it, with its size limit and paging controls. For tests that
 * show what the bridge asks of a server whose own logs they cannot read. Close it after the tests.
 */
public final class RecordingLdapProxy extends ForwardingLdapProxy {
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

    private final List<Search> searches;

    private RecordingLdapProxy(String host, int port, SocketFactory sockets, List<Search> searches)
            throws IOException {
        super(host, port, sockets, forward -> new Recorder(forward, searches));
        this.searches = searches;
    }

    /** A proxy in front of {@code host:port}, reached through {@code sockets} (an SSL socket factory for LDAPS). */
    public static RecordingLdapProxy to(String host, int port, SocketFactory sockets) throws IOException {
        return new RecordingLdapProxy(host, port, sockets, new CopyOnWriteArrayList<>());
    }

    /** The searches forwarded since the proxy started or was last {@link #clear cleared}. */
    public List<Search> searches() {
        return List.copyOf(searches);
    }

    public void clear() {
        searches.clear();
    }

    /** Forwards every request to the proxy handler, noting each search on the way. */
    private static final class Recorder extends Forwarder {
        private final List<Search> searches;

        Recorder(LDAPListenerRequestHandler forward, List<Search> searches) {
            super(forward);
            this.searches = searches;
        }

        @Override
        Forwarder around(LDAPListenerRequestHandler connectionForward) {
            return new Recorder(connectionForward, searches);
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
    }
}
