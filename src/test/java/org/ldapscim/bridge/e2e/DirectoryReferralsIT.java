package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.ReferralConfig;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;

/**
 * A real slapd whose users' base DN holds a referral entry (RFC 3296: objectClass referral, a ref URL) to a second
 * directory, as AD's continuation references point at other naming contexts. By default the bridge does not follow
 * it and still answers every search; configured to follow, it finds, reads and pages through the user the other
 * server holds. (The in-memory directory serves as the other server only: its indexed searches skip referral
 * entries, so as the main server it would show no reference for most filters.)
 */
class DirectoryReferralsIT {
    private static final String PARTNERS = "ou=partners," + OpenLdapServer.PEOPLE;
    private static final String PARTNER = "pat.partner";
    private static final int SEEDED = 5;
    /** The ManageDsaIT control (RFC 3296): the referral entry itself is written, not followed. */
    private static final String MANAGE_DSA_IT = "2.16.840.1.113730.3.4.2";

    @RegisterExtension
    static final OpenLdapServer main = new OpenLdapServer(SEEDED);

    private static InMemoryDirectory partners;

    @BeforeAll
    static void startDirectories() throws LDAPException {
        partners = InMemoryDirectory.start(InMemoryDirectory.DEMO_SUFFIX, 0);
        partners.server().add(new Entry(InMemoryDirectory.DEMO_SUFFIX, new Attribute("objectClass", "top", "domain"),
                new Attribute("dc", "example")));
        // A referral is followed bound as the service account, so the other server knows it too.
        partners.server().add(new Entry(main.bindDn(), new Attribute("objectClass", "top", "person"),
                new Attribute("cn", "admin"), new Attribute("sn", "admin"),
                new Attribute("userPassword", main.bindPassword())));
        partners.server().add(new Entry("ou=people,dc=example,dc=com",
                new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", "people")));
        partners.server().add(new Entry(PARTNERS, new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "partners")));
        partners.server().add(new Entry("uid=" + PARTNER + "," + PARTNERS,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("uid", PARTNER), new Attribute("cn", "Pat Partner"), new Attribute("sn", "Partner")));

        AddRequest referral = new AddRequest(new Entry(PARTNERS,
                new Attribute("objectClass", "top", "referral", "extensibleObject"), new Attribute("ou", "partners"),
                new Attribute("ref", partners.url() + "/" + PARTNERS)));
        referral.addControl(new Control(MANAGE_DSA_IT, true));
        try (LDAPConnection connection = main.connect()) {
            connection.add(referral);
        }
    }

    @AfterAll
    static void stopDirectories() {
        if (partners != null) {
            partners.close();
        }
    }

    @Test
    void byDefaultAReferenceIsNotFollowedAndNoSearchFailsOverIt() {
        try (PresetBridge bridge = PresetBridge.start("openldap", config(ReferralConfig.defaults()),
                "referrals-it-off-token")) {
            ScimClient scim = bridge.scim();
            assertEquals(0, total(scim, "/Users?filter=" + filter("userName eq \"" + PARTNER + "\"")));
            assertEquals(1, total(scim, "/Users?filter=" + filter("userName eq \"seed0001\"")));
            assertEquals(SEEDED, total(scim, "/Users?count=0"));
            assertEquals(SEEDED, total(scim, "/Users?startIndex=2&count=2&sortBy=userName"));
            JsonNode cursorPage = scim.get("/Users?count=2&cursor=").expect(200);
            assertEquals(2, cursorPage.get("Resources").size());
        }
    }

    @Test
    void configuredToFollowItFindsTheUserTheOtherServerHolds() {
        try (PresetBridge bridge = PresetBridge.start("openldap", config(new ReferralConfig(true, 2)),
                "referrals-it-on-token")) {
            ScimClient scim = bridge.scim();
            JsonNode found = scim.get("/Users?filter=" + filter("userName eq \"" + PARTNER + "\"")).expect(200);
            assertEquals(1, found.get("totalResults").asInt(), found.toString());
            String id = found.get("Resources").get(0).get("id").asText();
            assertEquals(PARTNER, scim.get("/Users/" + id).expect(200).get("userName").asText());
            assertEquals(1, total(scim, "/Users?filter=" + filter("userName eq \"seed0001\"")));
            int all = total(scim, "/Users?count=0");
            assertEquals(SEEDED + 1, all, "slapd's users and the partner");
            JsonNode sorted = scim.get("/Users?sortBy=userName&count=2").expect(200);
            assertEquals(PARTNER, sorted.get("Resources").get(0).get("userName").asText(),
                    "sorted by the bridge across both servers: " + sorted);
            int walked = 0;
            String cursor = "";
            while (cursor != null) {
                JsonNode page = scim.get("/Users?count=2&cursor=" + cursor).expect(200);
                walked += page.get("Resources").size();
                cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            }
            assertEquals(all, walked, "a cursor walk pages through both servers");
        }
    }

    private static LdapConfig config(ReferralConfig referrals) {
        return new LdapConfig(List.of(main.url()), null, main.bindDn(), Secret.of(main.bindPassword()), 1_000, 5_000,
                null, null, referrals, null);
    }

    private static int total(ScimClient scim, String path) {
        return scim.get(path).expect(200).get("totalResults").asInt();
    }

    private static String filter(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
