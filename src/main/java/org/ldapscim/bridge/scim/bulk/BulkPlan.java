package org.ldapscim.bridge.scim.bulk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.ldapscim.bridge.scim.ScimException;

/**
 * The order a bulk request's operations run in (RFC 7644 §3.7.1-§3.7.3): request order, except that an operation
 * waits for the POSTs whose bulkIds it refers to. An operation that refers to a bulkId no POST of the request
 * defines, or that takes part in (or waits on) a circle of references, is refused with the error it will report.
 *
 * <p>Example: [PATCH group with member bulkId:u1, POST user u1] runs the POST first, then the PATCH.
 */
public final class BulkPlan {
    /** One operation in its turn, with the refusal it reports instead of running, or null. */
    public record Step(BulkOperation operation, Set<String> references, ScimException refusal) {
    }

    private BulkPlan() {
    }

    public static List<Step> of(BulkRequest request) {
        List<BulkOperation> operations = request.operations();
        Map<String, Integer> definedBy = new HashMap<>();
        for (BulkOperation op : operations) {
            if (op.method() == BulkMethod.POST) {
                definedBy.put(op.bulkId(), op.index());
            }
        }
        List<Set<String>> references = new ArrayList<>();
        int[] waitingOn = new int[operations.size()];
        Map<Integer, List<Integer>> dependents = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        boolean[] done = new boolean[operations.size()];
        for (BulkOperation op : operations) {
            Set<String> refs = BulkIds.referencedBy(op);
            references.add(refs);
            if (!definedBy.keySet().containsAll(refs)) {
                // Refused in its own turn, waiting for nothing.
                continue;
            }
            for (String id : refs) {
                waitingOn[op.index()]++;
                dependents.computeIfAbsent(definedBy.get(id), k -> new ArrayList<>()).add(op.index());
            }
        }
        for (BulkOperation op : operations) {
            if (waitingOn[op.index()] == 0) {
                ready.add(op.index());
            }
        }
        while (!ready.isEmpty()) {
            int next = ready.poll();
            done[next] = true;
            BulkOperation op = operations.get(next);
            steps.add(new Step(op, references.get(next), unknownRefusal(references.get(next), definedBy)));
            for (int dependent : dependents.getOrDefault(next, List.of())) {
                if (--waitingOn[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        for (BulkOperation op : operations) {
            if (!done[op.index()]) {
                steps.add(new Step(op, references.get(op.index()), new ScimException(409, null,
                        "bulkId references of this operation form a circle, or wait on one; nothing was changed")));
            }
        }
        return steps;
    }

    private static ScimException unknownRefusal(Set<String> references, Map<String, Integer> definedBy) {
        return references.stream().filter(id -> !definedBy.containsKey(id)).findFirst()
                .map(id -> ScimException.invalidValue("bulkId '" + id + "' is not the bulkId of a POST in this request"))
                .orElse(null);
    }
}
