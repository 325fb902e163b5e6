package org.ldapscim.bridge.scim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ldapscim.bridge.scim.profile.OperationNormalisersTest.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Telling the IdP from the User-Agent, then from the request's shape, else the lenient default. */
class ProfileDetectorTest {
    private static final ProfileDetector DETECTOR = new ProfileDetector();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Okta SCIM Client 1.0.0 | okta",
            "OneLogin SCIM | onelogin",
            "JumpCloud SCIM Client | jumpcloud",
            "Google-Auto-Provisioning | google",
            "PingOne Provisioning | pingone",
            "Microsoft Azure AD provisioning | entra",
            "Azure Active Directory SCIM | entra",
    })
    void theUserAgentNamesTheIdp(String userAgent, String profile) {
        assertEquals(profile, DETECTOR.detect(userAgent, null).name());
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @NullAndEmptySource
    @ValueSource(strings = {"curl/8.5.0", "Java-http-client/17"})
    void anUnknownAgentWithoutTellingShapeIsLenient(String userAgent) {
        assertEquals(IdpProfiles.LENIENT, DETECTOR.detect(userAgent, json("{\"Operations\": [{\"op\": \"add\"}]}")));
    }

    @Test
    void aCapitalisedOpIsEntrasHandwriting() {
        assertEquals(IdpProfiles.ENTRA, DETECTOR.detect("curl/8.5.0",
                json("{\"Operations\": [{\"op\": \"add\"}, {\"op\": \"Replace\"}]}")));
    }

    @Test
    void theUserAgentWinsOverTheShape() {
        assertEquals(IdpProfiles.OKTA, DETECTOR.detect("Okta SCIM Client 1.0.0",
                json("{\"Operations\": [{\"op\": \"Replace\"}]}")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"Operations\": \"Add\"}", "{\"Operations\": [\"Add\", 1, {\"op\": 2}]}", "{}",
            "{\"userName\": \"Add\"}"})
    void oddBodiesAreNoSign(String body) {
        assertEquals(IdpProfiles.LENIENT, DETECTOR.detect(null, json(body)));
    }
}
