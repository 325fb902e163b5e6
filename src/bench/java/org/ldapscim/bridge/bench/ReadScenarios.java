package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP ceiling (a request with no directory work, from the harness's client against wrk) and the reads of one
 * user: by id, by an indexed equality filter, and by a substring filter no index serves.
 */
final class ReadScenarios {
    /**
     * The HTTP ceiling: a request with no directory work. Its raw side is the same request from wrk, so that the
     * rounds alternate between the harness's client and wrk and the ratio says whether the client is the limit.
     */
    static final String HTTP_CEILING = "GET /ServiceProviderConfig: harness vs wrk";

    private ReadScenarios() {
    }

    static List<Scenario> of(Fixture f) {
        List<Scenario> scenarios = new ArrayList<>();
        Load harness = Load.of(n -> f.bridge().get("/ServiceProviderConfig", 200));
        scenarios.add(Scenario.ofLoads(HTTP_CEILING, harness, WrkLoad.installed()
                ? new WrkLoad(f.bridgeUrl() + "/ServiceProviderConfig", f.token()) : null));
        scenarios.add(Scenario.of("GET /Users/{id}",
                n -> f.bridge().get("/Users/" + f.user(n).id(), 200),
                n -> f.atLeast(1, users(Filter.createEqualityFilter("entryUUID", f.user(n).id())))));
        scenarios.add(Scenario.of("filter userName eq",
                n -> f.bridge().get("/Users?filter=" + Fixture.encode("userName eq \"" + f.user(n).uid() + "\""), 200),
                n -> f.atLeast(1, users(Filter.createEqualityFilter("uid", f.user(n).uid())))));
        scenarios.add(Scenario.of("filter externalId eq",
                n -> f.bridge().get("/Users?filter=" + Fixture.encode("externalId eq \"" + f.externalId(n) + "\""), 200),
                n -> f.atLeast(1, users(Filter.createEqualityFilter("scimExternalId", f.externalId(n))))));
        scenarios.add(Scenario.of("filter externalId co (no index)",
                n -> f.bridge().get("/Users?filter=" + Fixture.encode("externalId co \"" + contained(f, n) + "\""),
                        200),
                n -> f.atLeast(1, users(Filter.createSubstringFilter("scimExternalId", null,
                        new String[] {contained(f, n)}, null)))));
        return scenarios;
    }

    /**
     * A part of one externalId {@code seed-ext-K} that only a handful contain: K is above a tenth of the size, so
     * no longer number of the seed holds it, and a page lists the one or few that match.
     */
    private static String contained(Fixture f, long n) {
        int tenth = f.size() / 10;
        return "ext-" + (tenth + 1 + n % (f.size() - tenth));
    }

    /** The search a raw client sends for users matching {@code filter}, with the attributes the bridge reads. */
    static SearchRequest users(Filter filter) {
        return new SearchRequest(BenchDirectory.PEOPLE, SearchScope.SUB,
                Filter.createANDFilter(filter, Filter.createEqualityFilter("objectClass", "inetOrgPerson")),
                RawPages.USER_ATTRIBUTES);
    }
}
