package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.DisconnectType;
import com.unboundid.ldap.sdk.ExtendedRequest;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnectionInfo;
import com.unboundid.ldap.sdk.LDAPConnectionLogger;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ReadOnlyAddRequest;
import com.unboundid.ldap.sdk.ReadOnlyCompareRequest;
import com.unboundid.ldap.sdk.ReadOnlyDeleteRequest;
import com.unboundid.ldap.sdk.ReadOnlyModifyDNRequest;
import com.unboundid.ldap.sdk.ReadOnlyModifyRequest;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.SASLBindRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Times each operation between its request and its result as the SDK's connection logger sees them, so that
 * every operation counts, whichever part of the bridge (or the pool itself: binds, health checks) sent it. Requests
 * and results are told apart by connection and message id; a connection that closes with requests unanswered
 * reports them as {@code no_response}. Nothing of a request's content is kept.
 */
final class TimedOperations extends LDAPConnectionLogger {
    static final String NO_RESPONSE = "no_response";

    private record Key(long connection, int message) {
    }

    private record Started(String operation, String server, long nanos) {
    }

    private final OperationListener listener;
    private final ConcurrentMap<Key, Started> pending = new ConcurrentHashMap<>();

    TimedOperations(OperationListener listener) {
        this.listener = listener;
    }

    private void start(LDAPConnectionInfo info, int message, String operation) {
        pending.put(new Key(info.getConnectionID(), message),
                new Started(operation, info.getConnectedAddress() + ":" + info.getConnectedPort(), System.nanoTime()));
    }

    private void finish(LDAPConnectionInfo info, int message, LDAPResult result) {
        Started started = pending.remove(new Key(info.getConnectionID(), message));
        if (started != null) {
            listener.completed(started.operation(), started.server(), DirectoryException.nameOf(result.getResultCode()),
                    System.nanoTime() - started.nanos());
        }
    }

    @Override
    public void logDisconnect(LDAPConnectionInfo info, String host, int port, DisconnectType type, String message,
                              Throwable cause) {
        long now = System.nanoTime();
        pending.entrySet().removeIf(entry -> {
            if (entry.getKey().connection() != info.getConnectionID()) {
                return false;
            }
            Started started = entry.getValue();
            listener.completed(started.operation(), started.server(), NO_RESPONSE, now - started.nanos());
            return true;
        });
    }

    @Override
    public void logAddRequest(LDAPConnectionInfo info, int message, ReadOnlyAddRequest request) {
        start(info, message, "add");
    }

    @Override
    public void logAddResult(LDAPConnectionInfo info, int message, LDAPResult result) {
        finish(info, message, result);
    }

    @Override
    public void logBindRequest(LDAPConnectionInfo info, int message, SimpleBindRequest request) {
        start(info, message, "bind");
    }

    @Override
    public void logBindRequest(LDAPConnectionInfo info, int message, SASLBindRequest request) {
        start(info, message, "bind");
    }

    @Override
    public void logBindResult(LDAPConnectionInfo info, int message, BindResult result) {
        finish(info, message, result);
    }

    @Override
    public void logCompareRequest(LDAPConnectionInfo info, int message, ReadOnlyCompareRequest request) {
        start(info, message, "compare");
    }

    @Override
    public void logCompareResult(LDAPConnectionInfo info, int message, LDAPResult result) {
        finish(info, message, result);
    }

    @Override
    public void logDeleteRequest(LDAPConnectionInfo info, int message, ReadOnlyDeleteRequest request) {
        start(info, message, "delete");
    }

    @Override
    public void logDeleteResult(LDAPConnectionInfo info, int message, LDAPResult result) {
        finish(info, message, result);
    }

    @Override
    public void logExtendedRequest(LDAPConnectionInfo info, int message, ExtendedRequest request) {
        start(info, message, "extended");
    }

    @Override
    public void logExtendedResult(LDAPConnectionInfo info, int message, ExtendedResult result) {
        finish(info, message, result);
    }

    @Override
    public void logModifyRequest(LDAPConnectionInfo info, int message, ReadOnlyModifyRequest request) {
        start(info, message, "modify");
    }

    @Override
    public void logModifyResult(LDAPConnectionInfo info, int message, LDAPResult result) {
        finish(info, message, result);
    }

    @Override
    public void logModifyDNRequest(LDAPConnectionInfo info, int message, ReadOnlyModifyDNRequest request) {
        start(info, message, "modifyDN");
    }

    @Override
    public void logModifyDNResult(LDAPConnectionInfo info, int message, LDAPResult result) {
        finish(info, message, result);
    }

    @Override
    public void logSearchRequest(LDAPConnectionInfo info, int message, ReadOnlySearchRequest request) {
        start(info, message, "search");
    }

    @Override
    public void logSearchResult(LDAPConnectionInfo info, int message, SearchResult result) {
        finish(info, message, result);
    }
}
