package org.ldapscim.bridge.config;

/**
 * The directory watcher: how often it looks for changes made in the directory behind the bridge's back, and how.
 *
 * @param enabled         whether the watcher runs
 * @param intervalSeconds the pause between two looks, 1 to 86400
 * @param mechanism       how changes are found: {@code auto} picks {@code changelog} where the root DSE names a
 *                        change log, {@code usn} on Active Directory, else {@code timestamp}
 */
public record WatchConfig(Boolean enabled, Integer intervalSeconds, Mechanism mechanism) {

    /** How the watcher finds changes. */
    public enum Mechanism {
        auto,
        /** The change log under cn=changelog: every change, deletions with the deleted entry. */
        changelog,
        /** Active Directory's uSNChanged, deletions from the Deleted Objects container. */
        usn,
        /** modifyTimestamp (the mapping's meta.lastModified attribute); deletions by ids that vanished. */
        timestamp
    }

    public WatchConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        intervalSeconds = intervalSeconds == null ? 60 : intervalSeconds;
        mechanism = mechanism == null ? Mechanism.auto : mechanism;
        if (intervalSeconds < 1 || intervalSeconds > 86_400) {
            throw new IllegalArgumentException("intervalSeconds must be between 1 and 86400");
        }
    }

    public static WatchConfig defaults() {
        return new WatchConfig(null, null, null);
    }
}
