package org.ldapscim.bridge.testsupport;

/**
 * Every secret the test suite hands the bridge: bearer tokens, bind and journal passwords, user passwords in SCIM
 * bodies, key and trust store passwords. {@code SecretLeakCheck} runs after all other tests and fails the build if
 * one of these values shows up in a log line of a test JVM or of a bridge process a test started, or in a journal
 * row of a test database (see {@link TestLogs}). A value is searched for as a substring, so a secret a test builds
 * at run time is caught by a distinctive fixed part of it ({@link #OFFBOARDING_USER_PASSWORD}).
 *
 * <p>A test with a new secret adds one line here and uses {@code TestSecret.NAME.value()}:
 *
 * <pre>{@code
 * MY_IT_TOKEN("my-it-token-1f2e3d"),
 * }</pre>
 *
 * <p>Keep values distinctive (no "password" or "secret" alone): the check reports every occurrence.
 */
public enum TestSecret {
    // Bearer tokens.
    E2E_TOKEN("e2e-test-token-9f3c2a7d41b8e6059c1d"),
    E2E_DETECTED_TOKEN("e2e-detected-token-0c7e94a1b35d"),
    INTENT_RECONCILER_TOKEN("intent-reconciler-it-token-2d7a9c41"),
    DIRECTORY_TLS_TOKEN("tls-it-token-8b2f61d0c3a7"),
    SAMBA_WATCHER_TOKEN("samba-watcher-token-8c1f02a9d35e"),
    KILLED_MID_WRITE_TOKEN("killed-mid-write-it-token-3e8d5a10"),
    STOPPED_SLAPD_TOKEN("stopped-slapd-it-token-5c2e81d7"),
    SLOW_DIRECTORY_TOKEN("slow-directory-it-token-0a9e3c55"),
    REPEATED_CREATES_TOKEN("repeated-creates-it-token-6b1f0e93"),
    FAILOVER_TOKEN("failover-it-token-51c0e7d2a9b4"),
    SAMBA_AD_TOKEN("samba-ad-it-token-7b1e2c90d4"),
    SAMBA_AD_GROUPS_TOKEN("samba-ad-groups-it-token-7c21e9"),
    SAMBA_PLACEMENT_TOKEN("samba-placement-it-token-51e0"),
    PLACEMENT_TOKEN("placement-it-token-7c21"),
    SEVERAL_BASES_TOKEN("several-bases-it-token-3a9e"),
    SLAPD_WATCHER_TOKEN("slapd-watcher-token-5b2e91c07d4a"),
    SLAPD_VERDICTS_TOKEN("slapd-verdicts-token-8c31d07a5e92"),
    SLAPD_WINDOWS_TOKEN("slapd-windows-token-7c1d4e93b0a2"),
    MEMBER_STYLES_TOKEN("member-styles-token-"),
    GRACEFUL_SHUTDOWN_TOKEN("graceful-shutdown-it-token-4c8e1a73"),
    ENTRA_TOKEN("entra-token-0123456789"),
    CALLER_LIMITS_LOCAL_TOKEN("local-client-token-6d1f0a93c2"),
    CALLER_LIMITS_REMOTE_TOKEN("remote-client-token-2b7e41c8f5"),
    CALLER_LIMITS_SINGLE_TOKEN("single-client-token-9a3c5e07d4"),
    WRONG_TOKEN_FOR_THE_JOURNAL("wrong-token-for-the-journal-7f3a9c"),
    SCOPES_TENANT_A_TOKEN("scopes-tenant-a-token-5d1e"),
    SCOPES_TENANT_B_TOKEN("scopes-tenant-b-token-8c2f"),
    SCOPES_READER_TOKEN("scopes-reader-token-0a4b"),
    SCOPES_LIMITED_TOKEN("scopes-limited-token-7e93"),
    WATCHING_TOKEN("watching-test-token-4c1f0e9b27"),
    WATCHING_SCRAPE_TOKEN("watching-scrape-token-8a2d5e7f31"),
    SERVE_WATCHING_TOKEN("serve-watching-token-61d0b3a9c7"),
    HTTPS_TOKEN("https-it-token-4e1b9c7d02a6f5"),
    // JWT access tokens are signed per run; their header's first field, base64url-encoded, gives one away.
    JWT_ALG_FIRST("eyJhbGciOi"),
    JWT_KID_FIRST("eyJraWQiOi"),

    // Directory bind passwords: the shipped credentials folder, the start scripts' defaults, the tests' own.
    CREDENTIAL_LDAP_BIND_PASSWORD("test-ldap-bind-password"),
    SCRIPT_ADMIN_PASSWORD("admin-secret"),
    SAMBA_ADMIN_PASSWORD("Passw0rd!Admin1"),
    DS389_SERVICE_PASSWORD("Bridge-service-389!"),
    COMMAND_LINE_BIND_PASSWORD("bind-secret"),
    WATCHING_BIND_PASSWORD("watching-bind-secret-5e8c"),
    CONFIG_BIND_PASSWORD("Sup3rSecret"),

    // Journal (JDBC) passwords.
    CREDENTIAL_JOURNAL_PASSWORD("test-journal-password"),
    JDBC_PASSWORD("s3cret"),
    UNREACHABLE_JDBC_PASSWORD("secret-pw"),
    REFUSED_JDBC_PASSWORD("hunter2"),

    // Key and trust store passwords.
    STORE_PASSWORD("changeit"),
    PKCS12_PASSWORD("Pkcs12-Store-Pass-3b7e"),
    // The tests' TLS keys are made per run; a PEM private key's armour gives one away.
    PEM_PRIVATE_KEY("PRIVATE KEY-----"),

    // User passwords in SCIM bodies.
    FIRST_USER_PASSWORD("First-pass-1815"),
    SECOND_USER_PASSWORD("Second-pass-1852"),
    PRESET_USER_PASSWORD("Enigma-1912!"),
    REPLACED_USER_PASSWORD("Another-Passw0rd!2025"),
    COMMAND_LINE_USER_PASSWORD("Never-Printed-42"),
    SCHEMA_RULES_USER_PASSWORD("Secret-Pass-5678"),
    PURGER_USER_PASSWORD("Grace-Period-42!"),
    LIFECYCLE_USER_PASSWORD("Analytical-Engine-1843!"),
    SAMBA_USER_PASSWORD("Adc0re!Secret-1"),
    OFFBOARDING_USER_PASSWORD("Offboard-Pass-"),
    MAPPING_USER_PASSWORD("pa55word"),
    GRACEFUL_SHUTDOWN_USER_PASSWORD("Held-Through-Sigterm-77"),
    PREVIEW_USER_PASSWORD("Preview-Pass-8c1f!"),
    PREVIEW_PUT_PASSWORD("Put-Pass-51ab!");

    private final String value;

    TestSecret(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
