package org.ldapscim.bridge.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** How values of one mapping convert between SCIM and LDAP, chosen by {@code kind}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TransformConfig.Text.class, name = "text"),
        @JsonSubTypes.Type(value = TransformConfig.Bool.class, name = "boolean"),
        @JsonSubTypes.Type(value = TransformConfig.Integer.class, name = "integer"),
        @JsonSubTypes.Type(value = TransformConfig.GeneralizedTime.class, name = "generalizedTime"),
        @JsonSubTypes.Type(value = TransformConfig.LockFlag.class, name = "lockFlag"),
        @JsonSubTypes.Type(value = TransformConfig.BitFlag.class, name = "bitFlag"),
        @JsonSubTypes.Type(value = TransformConfig.Reference.class, name = "reference"),
        @JsonSubTypes.Type(value = TransformConfig.MemberSearch.class, name = "memberSearch"),
        @JsonSubTypes.Type(value = TransformConfig.Password.class, name = "password")
})
public sealed interface TransformConfig {

    /** The value as it is. */
    record Text() implements TransformConfig {
    }

    /** A SCIM boolean as two LDAP strings, {@code TRUE}/{@code FALSE} by default (RFC 4517 §3.3.3). */
    record Bool(String trueValue, String falseValue) implements TransformConfig {
        public Bool {
            trueValue = trueValue == null ? "TRUE" : trueValue;
            falseValue = falseValue == null ? "FALSE" : falseValue;
        }
    }

    /** A SCIM integer as a decimal LDAP string. */
    record Integer() implements TransformConfig {
    }

    /** A SCIM dateTime as LDAP GeneralizedTime. */
    record GeneralizedTime() implements TransformConfig {
    }

    /**
     * A SCIM boolean that is true while the LDAP attribute is absent, and false once it holds
     * {@code lockedValue}: OpenLDAP's {@code pwdAccountLockedTime: 000001010000Z}, 389-DS's {@code nsAccountLock: TRUE}.
     */
    record LockFlag(String lockedValue) implements TransformConfig {
    }

    /**
     * A SCIM boolean kept in bits of an integer attribute, changing only those bits; Active Directory's
     * {@code userAccountControl} with {@code mask: 2, setMeans: false, initial: 512} is {@code active}.
     *
     * @param initial the value a new entry starts from before the bits are set (AD: 512, NORMAL_ACCOUNT)
     */
    record BitFlag(Long mask, Boolean setMeans, Long initial) implements TransformConfig {
        public BitFlag {
            setMeans = setMeans == null || setMeans;
            initial = initial == null ? 0L : initial;
        }
    }

    /**
     * LDAP values that refer to entries of the target SCIM resource types, shown by their ids: the entries'
     * DNs ({@code member}, {@code uniqueMember}, whose optional {@code #'0101'B} UID suffix is read past), or,
     * with {@code by}, the value of that attribute of the target entry (posixGroup's {@code memberUid} holds
     * the member's {@code uid}), found by searching the targets for it.
     *
     * @param indirect for a user's {@code groups} from memberOf in Active Directory: also list the groups the user
     *                 is in through nested groups, found with LDAP_MATCHING_RULE_IN_CHAIN on their {@code member},
     *                 typed {@code indirect} (RFC 7643 §4.1.2); default false, direct groups only
     */
    record Reference(List<String> targets, String by, Boolean indirect) implements TransformConfig {
        public Reference {
            targets = targets == null ? List.of() : List.copyOf(targets);
            indirect = indirect != null && indirect;
        }
    }

    /**
     * A user's groups found by searching the target type for entries whose {@code memberAttribute}
     * holds the user's DN, or with {@code by} the user's value of that attribute ({@code memberUid} holds
     * the {@code uid}): for directories that keep no memberOf. Read-only.
     */
    record MemberSearch(String target, String memberAttribute, String by) implements TransformConfig {
        public MemberSearch {
            memberAttribute = memberAttribute == null ? "member" : memberAttribute;
        }
    }

    /**
     * A write-only password. {@code plain} writes the value as given (the directory hashes it);
     * {@code unicodePwd} writes Active Directory's quoted UTF-16LE form.
     *
     * @param mustChangeAtNextLogon with {@code unicodePwd}: every password written also sets {@code pwdLastSet: 0},
     *                              so AD makes the user choose a new one at the next logon
     */
    record Password(String encoding, Boolean mustChangeAtNextLogon) implements TransformConfig {
        public Password {
            encoding = encoding == null ? "plain" : encoding;
            mustChangeAtNextLogon = mustChangeAtNextLogon != null && mustChangeAtNextLogon;
        }
    }
}
