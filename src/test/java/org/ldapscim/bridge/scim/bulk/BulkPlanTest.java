package org.ldapscim.bridge.scim.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

class BulkPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BulkRequest request(String operations) throws Exception {
        JsonNode body = JSON.readTree("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [%s]}"""
                .formatted(operations));
        return BulkRequest.parse(body, 100);
    }

    private static String post(String bulkId, String member) {
        return """
                {"method": "POST", "path": "/Groups", "bulkId": "%s", "data": {"members": [{"value": "%s"}]}}"""
                .formatted(bulkId, member);
    }

    private static List<String> order(List<BulkPlan.Step> steps) {
        return steps.stream().map(s -> s.operation().bulkId()).toList();
    }

    @Test
    void operationsRunInRequestOrderWhenNothingRefersAhead() throws Exception {
        List<BulkPlan.Step> steps = BulkPlan.of(request(post("a", "x") + "," + post("b", "y") + "," + post("c", "z")));
        assertEquals(List.of("a", "b", "c"), order(steps));
        steps.forEach(step -> assertNull(step.refusal()));
    }

    @Test
    void anOperationWaitsForThePostsItRefersTo() throws Exception {
        List<BulkPlan.Step> steps = BulkPlan.of(request(
                post("a", "bulkId:c") + "," + post("b", "y") + "," + post("c", "bulkId:d") + "," + post("d", "z")));
        assertEquals(List.of("b", "d", "c", "a"), order(steps));
    }

    @Test
    void operationsInOrWaitingOnACircleAreRefusedWith409AtTheEnd() throws Exception {
        List<BulkPlan.Step> steps = BulkPlan.of(request(
                post("a", "bulkId:b") + "," + post("b", "bulkId:a") + "," + post("c", "bulkId:a") + ","
                        + post("d", "free")));
        assertEquals(List.of("d", "a", "b", "c"), order(steps));
        for (BulkPlan.Step step : steps.subList(1, 4)) {
            assertEquals(409, step.refusal().status());
        }
    }

    @Test
    void aReferenceToAnUndefinedBulkIdIsRefusedInItsTurnAsInvalidValue() throws Exception {
        List<BulkPlan.Step> steps = BulkPlan.of(request(post("a", "bulkId:nowhere") + "," + post("b", "y")));
        assertEquals(List.of("a", "b"), order(steps));
        ScimException refusal = steps.get(0).refusal();
        assertEquals(ScimType.invalidValue, refusal.scimType());
        assertNull(steps.get(1).refusal());
    }

    @Test
    void referencesAreFoundInPathsAndNestedDataAndReplacedByIds() throws Exception {
        BulkRequest request = request("""
                {"method": "PATCH", "path": "/Groups/bulkId:g", "data": {"Operations": [{"op": "add", "path": "members",
                 "value": [{"value": "bulkId:u"}, {"value": "plain"}, {"value": "xbulkId:u"}]}]}}""");
        BulkOperation op = request.operations().get(0);
        assertEquals(java.util.Set.of("g", "u"), BulkIds.referencedBy(op));
        BulkOperation resolved = BulkIds.resolve(op, Map.of("g", "G-1", "u", "U-1"));
        assertEquals("/Groups/G-1", resolved.path());
        assertEquals("""
                {"Operations":[{"op":"add","path":"members","value":[{"value":"U-1"},{"value":"plain"},\
                {"value":"xbulkId:u"}]}]}""", resolved.data().toString());
        assertEquals("bulkId:u", op.data().at("/Operations/0/value/0/value").asText(), "the request is left as sent");
    }
}
