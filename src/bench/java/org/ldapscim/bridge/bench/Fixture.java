package org.ldapscim.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What every scenario works with, for one directory size: the seeded users, the bridge's client, the raw client's
 * pool, and the directory itself.
 */
record Fixture(Settings settings, BenchDirectory directory, List<BenchDirectory.User> users, BridgeClient bridge,
               LDAPConnectionPool raw, String bridgeUrl, String token) {
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final ObjectMapper JSON = new ObjectMapper();

    int size() {
        return users.size();
    }

    BenchDirectory.User user(long n) {
        return users.get((int) (n % users.size()));
    }

    /** The externalId of the {@code n}-th seeded user, as the seed gives it. */
    String externalId(long n) {
        return "seed-ext-" + (n % users.size() + 1);
    }

    /** A PatchOp of one operation; {@code value} is JSON. */
    static String patch(String op, String path, String value) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"" + op + "\",\"path\":\"" + path
                + "\",\"value\":" + value + "}]}";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    /** Searches and fails unless at least {@code least} entries come back. */
    void atLeast(int least, SearchRequest search) throws LDAPException {
        int found = raw.search(search).getEntryCount();
        if (found < least) {
            throw new LDAPException(ResultCode.NO_RESULTS_RETURNED, found + " entries for " + search.getFilter());
        }
    }
}
