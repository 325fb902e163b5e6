package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ldapscim.bridge.testsupport.ScriptedDirectoryServer;

/**
 * The equality indexes the shipped {@code config/openldap} mappings filter by, on slapd's database of the suffix:
 * those the shared start script's instance lacks are added through cn=config before any entry is, as a directory
 * administrator would index them for the bridge.
 */
final class SlapdIndexes {
    /** What the openldap mappings put in equality filters: userName, id, externalId, displayName, emails, members. */
    static final List<String> FILTERED = List.of("uid", "entryUUID", "scimExternalId", "cn", "mail", "member");
    /** The start script's cn=config administrator; it shares the root DN's password. */
    private static final String CONFIG_ADMIN = "cn=admin,cn=config";

    private SlapdIndexes() {
    }

    /** Adds an eq index for each of {@link #FILTERED} the database lacks; answers the attributes it added. */
    static List<String> ensure(ScriptedDirectoryServer server, String password) throws LDAPException {
        try (LDAPConnection config = server.connect(CONFIG_ADMIN, password)) {
            SearchResultEntry database = config.searchForEntry("cn=config", SearchScope.ONE, Filter.createANDFilter(
                    Filter.createEqualityFilter("objectClass", "olcMdbConfig"),
                    Filter.createEqualityFilter("olcSuffix", ScriptedDirectoryServer.SUFFIX)), "olcDbIndex");
            if (database == null) {
                throw new IllegalStateException("slapd has no mdb database for " + ScriptedDirectoryServer.SUFFIX);
            }
            Set<String> indexed = equalityIndexed(database.getAttributeValues("olcDbIndex"));
            List<String> missing = new ArrayList<>();
            for (String attribute : FILTERED) {
                if (!indexed.contains(attribute.toLowerCase(Locale.ROOT))) {
                    missing.add(attribute);
                }
            }
            if (!missing.isEmpty()) {
                config.modify(database.getDN(), new Modification(ModificationType.ADD, "olcDbIndex",
                        String.join(",", missing) + " eq"));
            }
            return missing;
        }
    }

    /** The attributes of {@code olcDbIndex} values such as {@code uid,mail eq,sub} that have an eq index. */
    private static Set<String> equalityIndexed(String[] values) {
        Set<String> indexed = new LinkedHashSet<>();
        for (String value : values == null ? new String[0] : values) {
            String[] parts = value.trim().split("\\s+");
            boolean equality = parts.length > 1 && List.of(parts[1].toLowerCase(Locale.ROOT).split(",")).contains("eq");
            if (equality) {
                for (String attribute : parts[0].split(",")) {
                    indexed.add(attribute.toLowerCase(Locale.ROOT));
                }
            }
        }
        return indexed;
    }
}
