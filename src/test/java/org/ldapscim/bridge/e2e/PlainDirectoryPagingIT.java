package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/**
 * Paging and sorting over a directory without server-side sort and virtual list view (OpenLDAP without the
 * sssvlv overlay): pages come from a paged DN walk, and the bridge sorts what it can.
 */
class PlainDirectoryPagingIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = BridgeUnderTest.hidingControls(
            ServerSideSortRequestControl.SERVER_SIDE_SORT_REQUEST_OID,
            VirtualListViewRequestControl.VIRTUAL_LIST_VIEW_REQUEST_OID);

    private static final int USERS = 1600;

    @Test
    void anIndexWalkStillGivesDisjointPagesThatCoverEveryUser() {
        Set<String> seen = new HashSet<>();
        for (int startIndex = 1; startIndex <= USERS; startIndex += 200) {
            JsonNode page = bridge.get("/Users?excludedAttributes=groups&count=200&startIndex=" + startIndex)
                    .expect(200);
            assertEquals(USERS, page.get("totalResults").intValue());
            page.get("Resources").forEach(user -> assertTrue(seen.add(user.get("id").asText()), "twice: " + user));
        }
        assertEquals(USERS, seen.size());
    }

    @Test
    void theBridgeSortsWhenTheDirectoryCannot() {
        List<String> names = new ArrayList<>();
        for (int startIndex = 1; startIndex <= 400; startIndex += 200) {
            bridge.get("/Users?sortBy=userName&sortOrder=descending&excludedAttributes=groups&count=200&startIndex="
                    + startIndex).expect(200).get("Resources").forEach(user -> names.add(user.get("userName").asText()));
        }
        assertEquals(400, names.size());
        for (int i = 1; i < names.size(); i++) {
            assertTrue(String.CASE_INSENSITIVE_ORDER.compare(names.get(i - 1), names.get(i)) >= 0,
                    names.get(i - 1) + " before " + names.get(i));
        }
    }

    @Test
    void aCursorWalkWorksUnsortedAndRefusesASort() {
        Set<String> seen = new HashSet<>();
        String cursor = "";
        while (cursor != null) {
            JsonNode page = bridge.get("/Users?excludedAttributes=groups&count=200&cursor=" + cursor).expect(200);
            page.get("Resources").forEach(user -> assertTrue(seen.add(user.get("id").asText()), "twice: " + user));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        }
        assertEquals(USERS, seen.size());
        bridge.get("/Users?sortBy=userName&cursor=").expectError(400, "invalidValue");
    }
}
