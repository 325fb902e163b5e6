package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.ScimResponse;

/** meta.version as a weak ETag, If-None-Match on GET and If-Match / If-None-Match on writes (RFC 7644 §3.14). */
class ETagIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final String HELENA_DN = userDn("helena.marsh@example.com");
    private static final String STALE = "W/\"000000000000000000000000\"";
    private static final String RETITLE = patch("""
            {"op": "replace", "path": "title", "value": "Chief Cartographer"}""");

    @Test
    void aGetCarriesItsVersionAsETagAndAnswers304WhenTheClientHoldsIt() {
        String id = bridge.idOf(HELENA_DN);
        ScimResponse first = bridge.get("/Users/" + id);
        String etag = first.header("ETag");
        assertEquals(first.expect(200).get("meta").get("version").asText(), etag);
        assertTrue(etag.startsWith("W/\""), etag);

        for (String held : List.of(etag, "*", STALE + ", " + etag, etag.substring(2))) {
            ScimResponse cached = bridge.request("GET", "/Users/" + id).header("If-None-Match", held).send();
            assertEquals(304, cached.status(), cached.toString());
            assertEquals("", cached.body());
            assertEquals(etag, cached.header("ETag"));
        }
        bridge.request("GET", "/Users/" + id).header("If-None-Match", STALE).send().expect(200);
    }

    @Test
    void everyWriteWithAStaleIfMatchIs412AndChangesNothing() {
        String id = bridge.idOf(HELENA_DN);
        JsonNode helena = bridge.get("/Users/" + id).expect(200);
        String before = bridge.entry(HELENA_DN).toLDIFString();

        bridge.request("PATCH", "/Users/" + id).header("If-Match", STALE).body(RETITLE).send().expectError(412, null);
        bridge.request("PUT", "/Users/" + id).header("If-Match", STALE).body(retitled(helena).toString()).send()
                .expectError(412, null);
        bridge.request("DELETE", "/Users/" + id).header("If-Match", STALE).send().expectError(412, null);
        bridge.request("PATCH", "/Users/" + id).header("If-None-Match", "*").body(RETITLE).send()
                .expectError(412, null);
        bridge.request("DELETE", "/Users/" + id).header("If-None-Match", helena.get("meta").get("version").asText())
                .send().expectError(412, null);

        assertEquals(before, bridge.entry(HELENA_DN).toLDIFString());
    }

    @Test
    void writesWithTheCurrentVersionSucceedAndMoveTheVersionOn() {
        String id = bridge.idOf(HELENA_DN);
        JsonNode helena = bridge.get("/Users/" + id).expect(200);
        String original = helena.get("meta").get("version").asText();

        ScimResponse patched = bridge.request("PATCH", "/Users/" + id).header("If-Match", original).body(RETITLE).send();
        assertEquals("Chief Cartographer", patched.expect(200).get("title").asText());
        String afterPatch = patched.header("ETag");
        assertNotEquals(original, afterPatch);
        assertEquals(afterPatch, patched.json().get("meta").get("version").asText());

        bridge.request("PATCH", "/Users/" + id).header("If-Match", original).body(RETITLE).send().expectError(412, null);
        ScimResponse replaced = bridge.request("PUT", "/Users/" + id).header("If-Match", afterPatch)
                .body(retitled(patched.json()).toString()).send();
        assertEquals("Map Keeper", replaced.expect(200).get("title").asText());
        bridge.request("DELETE", "/Users/" + id).header("If-Match", replaced.header("ETag")).send().expectNoContent();
        bridge.get("/Users/" + id).expectError(404, null);
    }

    @Test
    void aChangeByAnotherWriterBetweenTheReadAndTheWriteIs412AndIsKept() {
        String id = bridge.idOf(HELENA_DN);
        String etag = bridge.get("/Users/" + id).header("ETag");
        // The hook runs inside the directory, after the bridge has read and checked the version.
        bridge.hooks().beforeNextModify(request -> modifyDirectly(HELENA_DN, "title", "Set elsewhere"));

        bridge.request("PATCH", "/Users/" + id).header("If-Match", etag).body(RETITLE).send().expectError(412, null);

        assertEquals("Set elsewhere", bridge.entry(HELENA_DN).getAttributeValue("title"));
        assertNotEquals(etag, bridge.get("/Users/" + id).header("ETag"));
    }

    @Test
    void ofTwoWritersWithTheSameIfMatchExactlyOneWins() throws Exception {
        String id = bridge.idOf(HELENA_DN);
        String etag = bridge.get("/Users/" + id).header("ETag");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ScimResponse>> writers = new ArrayList<>();
        for (String title : List.of("First", "Second")) {
            writers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return bridge.request("PATCH", "/Users/" + id).header("If-Match", etag).body(patch("""
                        {"op": "replace", "path": "title", "value": "%s"}""".formatted(title))).send();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        String winner = null;
        for (CompletableFuture<ScimResponse> writer : writers) {
            ScimResponse response = writer.get();
            statuses.add(response.status());
            if (response.status() == 200) {
                winner = response.json().get("title").asText();
            }
        }
        assertEquals(List.of(200, 412), statuses.stream().sorted().toList(), statuses.toString());
        assertEquals(winner, bridge.entry(HELENA_DN).getAttributeValue("title"));
    }

    @Test
    void aMalformedEntityTagIsInvalidValue() {
        String id = bridge.idOf(HELENA_DN);
        bridge.request("PATCH", "/Users/" + id).header("If-Match", "not-quoted").body(RETITLE).send()
                .expectError(400, "invalidValue");
    }

    private static ObjectNode retitled(JsonNode user) {
        ObjectNode copy = user.deepCopy();
        copy.put("title", "Map Keeper");
        copy.remove("groups");
        return copy;
    }

    private static void modifyDirectly(String dn, String attribute, String value) {
        try {
            bridge.directory().modify(dn, List.of(new Modification(ModificationType.REPLACE, attribute, value)));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGetWhoseIfMatchDoesNotHoldIs412() {
        String id = bridge.idOf(HELENA_DN);
        String version = bridge.get("/Users/" + id).header("ETag");

        bridge.request("GET", "/Users/" + id).header("If-Match", "W/\"stale\"").send().expectError(412, null);
        assertEquals(200, bridge.request("GET", "/Users/" + id).header("If-Match", version).send().status());
    }

    @Test
    void aCreateWhoseResponseLeavesMetaOutStillNamesTheResourceAndSendsNoEmptyETag() {
        ScimResponse created = bridge.post("/Users?attributes=id", """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "meta.less@example.com"}""");

        String id = created.expect(201).get("id").asText();
        assertEquals(bridge.baseUrl() + "/Users/" + id, created.header("Location"));
        assertEquals(null, created.header("ETag"));
    }
}
