package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.ResultCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.Ds389Server;
import org.ldapscim.bridge.testsupport.ScriptedDirectoryServer;

/**
 * The {@link DirectoryScenarios} against a real 389 Directory Server 2.x (MemberOf, Referential Integrity and
 * USN plugins), through the shipped {@code config/389ds} preset, with the bridge bound as an ordinary service
 * account rather than Directory Manager. There are more seeded users than 389's default non-root size limit
 * (2000), so the service account's {@code nsSizeLimit: -1} and friends are what let the bridge count and walk
 * them.
 */
class Ds389IT extends DirectoryScenarios {
    @RegisterExtension
    static final Ds389Server ds = new Ds389Server(2100);

    @Override
    ScriptedDirectoryServer directory() {
        return ds;
    }

    @Override
    String preset() {
        return "389ds";
    }

    @Override
    int cursorPageSize() {
        return 200;
    }

    /** 389's default password storage scheme. */
    @Override
    String passwordScheme() {
        return "{SSHA512}";
    }

    /** 389's groupOfNames may be empty. */
    @Override
    List<String> membersOfAnEmptyGroup() {
        return List.of();
    }

    @Override
    BrokenMapping brokenMapping() {
        return new BrokenMapping("ldap: nsAccountLock", "ldap: nsAccountLok",
                "users.yaml: attributes(active).ldap: attribute nsAccountLok is not in the directory schema");
    }

    @Test
    void pagesPastTheDefaultSizeLimitAndOfAnUnindexedFilterAreSorted() {
        List<String> deep = userNames(list("/Users?sortBy=userName&startIndex=2051&count=3" + SEEDS));
        assertEquals(List.of("seed2051", "seed2052", "seed2053"), deep, "past the 2000 of the default size limit");

        // title has no index: the candidate list is every entry (ALLIDS), which the raised idlistscanlimit sorts.
        String unindexed = "&filter=" + encode("title pr or userName sw \"seed\"");
        assertEquals(List.of("seed2100", "seed2099"),
                userNames(list("/Users?sortBy=userName&sortOrder=descending&count=2" + unindexed)));
        assertEquals(List.of("seed2098", "seed2097"),
                userNames(list("/Users?sortBy=userName&sortOrder=descending&startIndex=3&count=2" + unindexed)));
    }

    @Test
    void activeInactivatesTheAccountWithNsAccountLock() {
        String id = createUser("alan.turing", null, "Enigma-1912!").get("id").asText();
        String dn = "uid=alan.turing," + PEOPLE;
        assertTrue(canBind(dn, "Enigma-1912!"));

        assertFalse(scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                .expect(200).get("active").asBoolean());
        assertEquals("true", ds.entry(dn).getAttributeValue("nsAccountLock"));
        assertEquals(ResultCode.UNWILLING_TO_PERFORM, bindResult(dn, "Enigma-1912!"),
                "389 answers 53, account inactivated");
        assertFalse(scim.get("/Users/" + id).expect(200).get("active").asBoolean());

        assertTrue(scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}"))
                .expect(200).get("active").asBoolean());
        assertNull(ds.entry(dn).getAttributeValue("nsAccountLock"));
        assertTrue(canBind(dn, "Enigma-1912!"));
    }
}
