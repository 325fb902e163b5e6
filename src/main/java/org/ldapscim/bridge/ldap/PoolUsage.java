package org.ldapscim.bridge.ldap;

/**
 * The directory pool's connections at one moment.
 *
 * @param available open and idle, ready to be checked out
 * @param inUse     checked out by an operation now
 * @param max       the most the pool holds (ldap.pool.size)
 */
public record PoolUsage(int available, int inUse, int max) {
}
