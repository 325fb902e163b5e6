package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.bulk.BulkIds;
import org.ldapscim.bridge.scim.bulk.BulkMethod;
import org.ldapscim.bridge.scim.bulk.BulkOperation;
import org.ldapscim.bridge.scim.bulk.BulkOutcome;
import org.ldapscim.bridge.scim.bulk.BulkPlan;
import org.ldapscim.bridge.scim.bulk.BulkRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bulk request (RFC 7644 §3.7) over the resource services: each operation is validated, locked and
 * journaled exactly as the single request it stands for, and one operation's failure changes nothing another
 * did. Thread-safe.
 */
public final class BulkProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BulkProcessor.class);

    private final List<ResourceService> services;

    public BulkProcessor(List<ResourceService> services) {
        this.services = List.copyOf(services);
    }

    /** The outcome of each operation that ran or was refused, until {@code failOnErrors} failures. */
    public List<BulkOutcome> run(BulkRequest request, RequestContext context) {
        Map<String, String> created = new HashMap<>();
        List<BulkOutcome> outcomes = new ArrayList<>();
        int failures = 0;
        for (BulkPlan.Step step : BulkPlan.of(request)) {
            if (failures >= request.failOnErrors()) {
                break;
            }
            BulkOutcome outcome = outcome(step, created, context);
            if (outcome.failed()) {
                failures++;
            } else if (step.operation().method() == BulkMethod.POST) {
                created.put(step.operation().bulkId(), idIn(outcome.location()));
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private BulkOutcome outcome(BulkPlan.Step step, Map<String, String> created, RequestContext context) {
        BulkOperation operation = step.operation();
        if (step.refusal() != null) {
            return BulkOutcome.failure(operation, failedAt(operation, context), step.refusal());
        }
        for (String reference : step.references()) {
            if (!created.containsKey(reference)) {
                return BulkOutcome.failure(operation, failedAt(operation, context), new ScimException(409, null,
                        "the POST with bulkId '" + reference + "' failed, so this operation did not run"));
            }
        }
        BulkOperation resolved = BulkIds.resolve(operation, created);
        try {
            return apply(resolved, context);
        } catch (ScimException e) {
            if (e.status() >= 500) {
                LOG.error("request {} bulk operation {} failed: {}", context.requestId(), operation.index(),
                        e.getMessage(), e.getCause() == null ? e : e.getCause());
            }
            return BulkOutcome.failure(operation, failedAt(resolved, context), e);
        } catch (RuntimeException e) {
            // One operation's defect must not hide what the operations before it did.
            LOG.error("request {} bulk operation {} failed unexpectedly", context.requestId(), operation.index(), e);
            return BulkOutcome.failure(operation, failedAt(resolved, context),
                    ScimException.internal("internal error", e));
        }
    }

    /** RFC 7644 §3.7: every response but a failed POST's names the resource it was about. */
    private static String failedAt(BulkOperation operation, RequestContext context) {
        return operation.method() == BulkMethod.POST ? null : context.baseUrl() + operation.path();
    }

    private BulkOutcome apply(BulkOperation operation, RequestContext bulkContext) {
        Target target = target(operation);
        ResourceService service = target.service();
        // An operation's version is its If-Match (RFC 7644 §3.7); the response shows only location and version.
        RequestContext context = new RequestContext(bulkContext.requestId(), bulkContext.client(), bulkContext.baseUrl(),
                bulkContext.profile(), Preconditions.of(operation.version(), null));
        Projection shown = Projection.of("meta", null, service.coreSchemaUrn());
        switch (operation.method()) {
            case POST -> {
                ObjectNode resource = service.create(operation.data(), shown, context);
                return BulkOutcome.success(operation, 201, location(resource), version(resource));
            }
            case PUT -> {
                ObjectNode resource = service.replace(target.id(), operation.data(), shown, context);
                return BulkOutcome.success(operation, 200, location(resource), version(resource));
            }
            case PATCH -> {
                ObjectNode resource = service.patch(target.id(), operation.data(), shown, context);
                return BulkOutcome.success(operation, 200, location(resource), version(resource));
            }
            default -> {
                service.delete(target.id(), context);
                return BulkOutcome.success(operation, 204, context.baseUrl() + service.endpoint() + "/" + target.id(),
                        null);
            }
        }
    }

    private record Target(ResourceService service, String id) {
    }

    /** {@code /Users} for a POST, {@code /Users/<id>} for the others (RFC 7644 §3.7). */
    private Target target(BulkOperation operation) {
        String path = operation.path();
        int slash = path.indexOf('/', 1);
        String endpoint = slash < 0 ? path : path.substring(0, slash);
        String id = slash < 0 ? null : path.substring(slash + 1);
        ResourceService service = services.stream().filter(s -> s.endpoint().equalsIgnoreCase(endpoint)).findFirst()
                .orElseThrow(() -> new ScimException(404, null, "no resource type at " + endpoint));
        boolean post = operation.method() == BulkMethod.POST;
        if (post && id != null) {
            throw ScimException.invalidValue("a POST's path is the resource type's endpoint, e.g. " + service.endpoint());
        }
        if (!post && (id == null || id.isEmpty() || id.contains("/"))) {
            throw ScimException.invalidValue(operation.method() + " needs a path such as " + service.endpoint()
                    + "/<id>");
        }
        return new Target(service, id);
    }

    private static String location(ObjectNode resource) {
        return resource.path("meta").path("location").asText(null);
    }

    private static String version(ObjectNode resource) {
        return resource.path("meta").path("version").asText(null);
    }

    private static String idIn(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
