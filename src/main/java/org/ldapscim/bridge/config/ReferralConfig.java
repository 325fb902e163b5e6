package org.ldapscim.bridge.config;

/**
 * What the bridge does with referrals and search continuation references (AD returns the latter for other
 * naming contexts under a base DN). Not following is the default: a referral points at another server, where
 * the service account's credentials may not belong.
 *
 * @param follow follow them, binding to the server they name as the service account
 * @param hopLimit the most referrals followed one after the other for one operation
 */
public record ReferralConfig(Boolean follow, Integer hopLimit) {

    public ReferralConfig {
        follow = follow != null && follow;
        hopLimit = hopLimit == null ? 5 : hopLimit;
        if (hopLimit < 1 || hopLimit > 20) {
            throw new IllegalArgumentException("referrals.hopLimit must be between 1 and 20");
        }
    }

    public static ReferralConfig defaults() {
        return new ReferralConfig(null, null);
    }
}
