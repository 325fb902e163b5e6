package org.ldapscim.bridge.ldap;

/**
 * Hears of every LDAP operation a connection of the pool completes, binds and health checks included, as the wire
 * saw it: the server that answered and how long the answer took. Called on the SDK's threads; implementations are
 * quick and thread-safe.
 */
@FunctionalInterface
public interface OperationListener {
    OperationListener NONE = (operation, server, outcome, nanos) -> {
    };

    /**
     * @param operation search, add, modify, delete, modifyDN, bind, compare or extended
     * @param server    the server's host:port
     * @param outcome   the result code's name in snake case (success, no_such_object, ...), or no_response when the
     *                  connection closed before an answer came (a timeout, a server gone)
     */
    void completed(String operation, String server, String outcome, long nanos);
}
