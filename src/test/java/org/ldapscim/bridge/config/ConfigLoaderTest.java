package org.ldapscim.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading {@code bridge.yaml} and its mapping files strictly: every mistake is a {@link ConfigException}
 * whose key path and message name it. The shipped files are covered by {@code ExampleConfigsTest}.
 */
class ConfigLoaderTest {
    private static final String USERS = """
            resourceType: User
            baseDns: ["ou=people,dc=example,dc=com"]
            attributes:
              - {scim: userName, ldap: uid}
            """;

    @TempDir
    Path directory;

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Loads a bridge.yaml (listing users.yaml unless it says otherwise) next to {@link #USERS}. */
    private LoadedConfig load(String bridge) throws IOException {
        write("users.yaml", USERS);
        return ConfigLoader.load(write("bridge.yaml", bridge.contains("mappings:") ? bridge
                : bridge + "\nmappings: [users.yaml]\n"));
    }

    private ConfigException refused(String bridge) {
        return assertThrows(ConfigException.class, () -> load(bridge));
    }

    private ConfigException refusedMapping(String users) throws IOException {
        write("users.yaml", users);
        Path bridge = write("bridge.yaml", "mappings: [users.yaml]\n");
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(bridge));
    }

    @Test
    void readsTheHttpsListenerAndClientCertificates() throws IOException {
        BridgeConfig bridge = load("""
                server:
                  host: 0.0.0.0
                  port: 8443
                  tls:
                    keyStore: /etc/ldap-scim-bridge/tls/bridge.p12
                    keyStorePassword: secret-for-tests
                    clientAuth: want
                    clientCaFile: /etc/ldap-scim-bridge/tls/clients-ca.pem
                auth:
                  clients:
                    - name: okta-agent
                      certificates:
                        - {subject: "CN=okta-agent,O=Example"}
                        - {fingerprint: "sha256:%s"}
                """.formatted("ab".repeat(32))).bridge();

        TlsListenerConfig tls = bridge.server().tls();
        assertEquals("/etc/ldap-scim-bridge/tls/bridge.p12", tls.keyStore());
        assertEquals("secret-for-tests", tls.keyStorePassword().reveal());
        assertEquals(TlsListenerConfig.ClientAuth.want, tls.clientAuth());
        assertEquals("https", bridge.server().scheme());
        ClientConfig client = bridge.auth().clients().get(0);
        assertEquals(List.of(ClientCertificateConfig.ofSubject("CN=okta-agent,O=Example"),
                ClientCertificateConfig.ofFingerprint("sha256:" + "ab".repeat(32))), client.certificates());
        assertEquals(List.of(), client.tokenHashes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "server: {tls: {keyFile: k.pem}} | tls.certificateFile and tls.keyFile go together",
            "server: {tls: {certificateFile: c.pem, keyFile: k.pem, keyStore: s.p12}} | not both",
            "server: {tls: {keyStore: s.p12, clientAuth: need}} | needs tls.clientCaFile",
            "server: {tls: {keyStore: s.p12, clientCaFile: ca.pem}} | unused while tls.clientAuth is none",
            "server: {plainHttp: true, tls: {keyStore: s.p12}} | contradict each other"})
    void refusesAnIncoherentHttpsListener(String yaml, String problem) {
        ConfigException e = refused(yaml);
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.keyPath().startsWith("server"), e.keyPath());
    }

    @Test
    void loadsTheMainFileAndTheMappingsItNamesRelativeToIt() throws IOException {
        write("mappings/users.yaml", USERS);
        Path bridge = write("bridge.yaml", """
                server: {host: 0.0.0.0, port: 8443, maxResults: 50}
                ldap:
                  urls: ["ldaps://ldap.example.com:636"]
                  bindDn: "cn=scim,dc=example,dc=com"
                  bindPassword: literal-for-testing
                mappings: [mappings/users.yaml]
                """);
        LoadedConfig loaded = ConfigLoader.load(bridge);
        assertEquals("0.0.0.0", loaded.bridge().server().host());
        assertEquals(8443, loaded.bridge().server().port());
        assertEquals(50, loaded.bridge().server().maxResults());
        assertEquals(List.of("ldaps://ldap.example.com:636"), loaded.bridge().ldap().urls());
        assertEquals("literal-for-testing", loaded.bridge().ldap().bindPassword().reveal());
        assertEquals(1, loaded.resources().size());
        assertEquals("User", loaded.resources().get(0).resourceType());
        assertEquals("uid", loaded.resources().get(0).attributes().get(0).ldap());
    }

    @Test
    void aClientMayPinItsIdpProfile() throws IOException {
        LoadedConfig loaded = load("""
                auth:
                  clients:
                    - {name: entra, tokenHashes: ["sha256:%1$s"], profile: entra}
                    - {name: other, tokenHashes: ["sha256:%1$s"]}
                """.formatted("0".repeat(64)));
        assertEquals("entra", loaded.bridge().auth().clients().get(0).profile());
        assertNull(loaded.bridge().auth().clients().get(1).profile());
    }

    @Test
    void aClientMayHaveScopesAndOneWithoutKeepsFullAccess() throws IOException {
        LoadedConfig loaded = load("""
                auth:
                  clients:
                    - name: sales
                      tokenHashes: ["sha256:%1$s"]
                      scopes:
                        User: {access: write, baseDns: ["ou=sales,ou=people,dc=example,dc=com"],
                               writableAttributes: [name, emails, active]}
                        Group:
                    - {name: other, tokenHashes: ["sha256:%1$s"]}
                """.formatted("0".repeat(64)));
        var scopes = loaded.bridge().auth().clients().get(0).scopes();
        assertEquals(List.of("User", "Group"), List.copyOf(scopes.keySet()));
        assertEquals(ClientScopeConfig.Access.write, scopes.get("User").access());
        assertEquals(List.of("ou=sales,ou=people,dc=example,dc=com"), scopes.get("User").baseDns());
        assertEquals(List.of("name", "emails", "active"), scopes.get("User").writableAttributes());
        assertEquals(new ClientScopeConfig(ClientScopeConfig.Access.read, null, null), scopes.get("Group"));
        assertNull(loaded.bridge().auth().clients().get(1).scopes());
    }

    @Test
    void clientsMayTakeJwtsFromAllowedAddressesWithinLimits() throws IOException {
        LoadedConfig loaded = load("""
                server: {trustedProxies: ["10.0.0.0/24"]}
                auth:
                  failureLimit: {maxFailures: 5, withinSeconds: 120, lockoutSeconds: 300}
                  clients:
                    - name: entra
                      jwt:
                        - issuer: "https://sts.windows.net/t/"
                          audience: "api://ldap-scim-bridge"
                          jwksUrl: "https://login.microsoftonline.com/t/discovery/v2.0/keys"
                          claims: {tid: "t"}
                          clockSkewSeconds: 30
                      allowFrom: ["203.0.113.0/24", "2001:db8::/32"]
                      maxConcurrentRequests: 4
                    - {name: okta, tokenHashes: ["sha256:%s"]}
                """.formatted("0".repeat(64)));
        assertEquals(List.of("10.0.0.0/24"), loaded.bridge().server().trustedProxies());
        assertEquals(new FailureLimitConfig(5, 120, 300), loaded.bridge().auth().failureLimit());
        ClientConfig entra = loaded.bridge().auth().clients().get(0);
        assertEquals(List.of(new JwtCredentialConfig("https://sts.windows.net/t/", "api://ldap-scim-bridge", null,
                "https://login.microsoftonline.com/t/discovery/v2.0/keys", Map.of("tid", "t"), 30)), entra.jwt());
        assertEquals(List.of("203.0.113.0/24", "2001:db8::/32"), entra.allowFrom());
        assertEquals(4, entra.maxConcurrentRequests());
        ClientConfig okta = loaded.bridge().auth().clients().get(1);
        assertEquals(ClientConfig.DEFAULT_MAX_CONCURRENT_REQUESTS, okta.maxConcurrentRequests());
        assertEquals(List.of(), okta.allowFrom());
        assertEquals(FailureLimitConfig.defaults(), load("").bridge().auth().failureLimit());
        assertEquals(List.of(), load("").bridge().server().trustedProxies());
    }

    @Test
    void requestLimitsAreReadFromServerLimits() throws IOException {
        ServerConfig server = load("""
                server:
                  maxRequestBytes: 4194304
                  limits: {maxFilterLength: 2000, maxFilterDepth: 8, maxFilterClauses: 50, maxPathLength: 128,
                           maxBulkOperations: 500, maxBulkPayloadBytes: 4194304}
                """).bridge().server();
        assertEquals(new LimitsConfig(2000, 8, 50, 128, 500, 4_194_304L), server.limits());
        ConfigException unknown = refused("server: {limits: {maxOperations: 5}}");
        assertEquals("server.limits.maxOperations", unknown.keyPath());
        assertTrue(unknown.hint().contains("maxBulkOperations"), unknown.hint());
    }

    @Test
    void metricsAccessIsReadFromServerMetricsAndDefaultsToLoopback() throws IOException {
        assertEquals(new MetricsConfig(true, MetricsConfig.LOOPBACK, null), load("").bridge().server().metrics());
        MetricsConfig metrics = load("""
                server:
                  metrics: {enabled: true, allowFrom: ["10.1.0.0/16"], tokenHash: "sha256:%s"}
                """.formatted("0".repeat(64))).bridge().server().metrics();
        assertEquals(List.of("10.1.0.0/16"), metrics.allowFrom());
        assertEquals("sha256:" + "0".repeat(64), metrics.tokenHash());
        assertEquals("server.metrics.allowfrom", refused("server: {metrics: {allowfrom: []}}").keyPath());
    }

    @Test
    void absentSettingsTakeTheirDocumentedDefaults() throws IOException {
        LoadedConfig loaded = load("");
        ServerConfig server = loaded.bridge().server();
        assertEquals("127.0.0.1", server.host());
        assertEquals(8080, server.port());
        assertEquals(200, server.maxResults());
        assertEquals(LimitsConfig.defaults(), server.limits());
        assertEquals(4096, server.limits().maxFilterLength());
        assertEquals(100, server.limits().maxBulkOperations());
        assertEquals(List.of(), loaded.bridge().auth().clients());
        AttributeMappingConfig userName = loaded.resources().get(0).attributes().get(0);
        assertTrue(userName.writable());
        assertTrue(userName.searchable());
        assertFalse(userName.primary());
        ResourceMappingConfig.MetaConfig meta = loaded.resources().get(0).meta();
        assertEquals("createTimestamp", meta.created());
        assertEquals(List.of("modifyTimestamp"), meta.version());
    }

    @Test
    void theJournalIsKeptForeverAndPurgedEveryFiveMinutesUnlessConfiguredOtherwise() throws IOException {
        JournalConfig defaults = load("journal: {jdbcUrl: \"jdbc:mariadb://db/j\"}").bridge().journal();
        assertEquals(null, defaults.retentionDays());
        assertEquals(300, defaults.purgeIntervalSeconds());

        JournalConfig set = load("journal: {retentionDays: 400, purgeIntervalSeconds: 60}").bridge().journal();
        assertEquals(400, set.retentionDays());
        assertEquals(60, set.purgeIntervalSeconds());
    }

    @Test
    void anUnknownKeyIsNamedWithItsPathAndTheKnownKeys() {
        ConfigException e = refused("server: {host: 127.0.0.1, prot: 8080}");
        assertEquals("server.prot", e.keyPath());
        assertTrue(e.getMessage().contains("unknown key 'prot'"), e.getMessage());
        assertTrue(e.getMessage().contains("bridge.yaml line 1"), e.getMessage());
        assertTrue(e.hint().contains("port"), e.hint());
    }

    @Test
    void anUnknownKeyInAMappingFileIsNamedWithItsPath() throws IOException {
        ConfigException e = refusedMapping(USERS + "  - {scim: title, ldapp: title}\n");
        assertEquals("attributes[1].ldapp", e.keyPath());
        assertTrue(e.getMessage().contains("unknown key 'ldapp' in"), e.getMessage());
        assertTrue(e.getMessage().contains("users.yaml line 5"), e.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        ConfigException e = refused("""
                server:
                  port: 8080
                  port: 8081
                """);
        assertEquals("server", e.keyPath());
        assertTrue(e.getMessage().contains("Duplicate field 'port'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "server: {port: \"abc\"} -> server.port -> expected a whole number",
            "server: {port: 8080.5} -> server.port -> expected a whole number",
            "server: [8080] -> server -> expected a server section",
            "ldap: {startTls: \"yes\"} -> ldap.startTls -> expected true or false",
            "ldap: {bindPassword: 42} -> ldap.bindPassword -> expected a secret",
            "auth: {clients: {name: entra}} -> auth.clients -> expected a list",
            "mappings: users.yaml -> mappings -> expected a list",
    })
    void aWrongTypeIsNamedWithItsPath(String bridge, String keyPath, String inMessage) {
        ConfigException e = refused(bridge);
        assertEquals(keyPath, e.keyPath());
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "server: {port: 70000} -> server -> port must be between 0 and 65535",
            "server: {maxResults: 0} -> server -> maxResults must be between 1 and 10000",
            "ldap: {poolSize: 0} -> ldap -> poolSize must be between 1 and 256",
            "ldap: {valueRangeSize: 0} -> ldap -> valueRangeSize must be at least 1",
            "journal: {poolSize: 100} -> journal -> poolSize must be between 1 and 64",
            "journal: {createRetryWindowSeconds: -1} -> journal -> createRetryWindowSeconds must be between 0 and 86400",
            "journal: {retentionDays: 0} -> journal -> retentionDays must be between 1 and 36500",
            "journal: {purgeIntervalSeconds: 0} -> journal -> purgeIntervalSeconds must be between 1 and 86400",
            "journal: {purgeIntervalSeconds: 86401} -> journal -> purgeIntervalSeconds must be between 1 and 86400",
            "server: {limits: {maxFilterDepth: 33}} -> server.limits -> maxFilterDepth must be between 1 and 32",
            "server: {limits: {maxBulkOperations: 0}} -> server.limits -> maxBulkOperations must be between 1 and 10000",
            "server: {maxRequestBytes: 4096, limits: {maxBulkPayloadBytes: 4097}} -> server -> limits.maxBulkPayloadBytes cannot exceed maxRequestBytes",
            "watch: {intervalSeconds: 0} -> watch -> intervalSeconds must be between 1 and 86400",
            "auth: {failureLimit: {maxFailures: 0}} -> auth.failureLimit -> maxFailures must be between 1 and 10000",
            "auth: {failureLimit: {lockoutSeconds: 86401}} -> auth.failureLimit -> lockoutSeconds must be between 1 and 86400",
            "auth: {clients: [{name: a, maxConcurrentRequests: 0}]} -> auth.clients[0] -> maxConcurrentRequests must be between 1 and 10000",
            "auth: {clients: [{name: a, jwt: [{clockSkewSeconds: 601}]}]} -> auth.clients[0].jwt[0] -> clockSkewSeconds must be between 0 and 600",
    })
    void anOutOfRangeValueIsNamed(String bridge, String keyPath, String inMessage) {
        ConfigException e = refused(bridge);
        assertEquals(keyPath, e.keyPath());
        assertTrue(e.getMessage().startsWith(inMessage), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "server: {port: 99999999999} -> server.port -> between -2147483648 and 2147483647",
            "server: {maxRequestBytes: 99999999999999999999} -> server.maxRequestBytes -> between -9223372036854775808 and 9223372036854775807",
            "journal: {retentionDays: -99999999999} -> journal.retentionDays -> between -2147483648 and 2147483647",
    })
    void aNumberTooLargeForItsKeyIsNamedWithTheKeyAndTheRange(String bridge, String keyPath, String inMessage) {
        ConfigException e = refused(bridge);
        assertEquals(keyPath, e.keyPath(), e.describe());
        assertTrue(e.getMessage().contains("out of range") && e.getMessage().contains(inMessage), e.describe());
        assertFalse(e.describe().contains("9999999999"), e.describe());
    }

    @Test
    void aGracePeriodTooLargeForANumberIsNamedInTheMappingFile() throws IOException {
        ConfigException e = refusedMapping(USERS + "deprovision:\n  policies:\n    p:\n      onDelete:\n"
                + "        - moveTo: \"ou=quarantine,dc=example,dc=com\"\n        - purgeAfterDays: 99999999999\n");
        assertTrue(e.keyPath().endsWith("deprovision.policies.p.onDelete[1].purgeAfterDays"), e.describe());
        assertTrue(e.getMessage().contains("out of range"), e.describe());
    }

    @Test
    void theWatchSectionIsReadAndDefaultsToAutoEveryMinute() throws IOException {
        WatchConfig watch = load("watch: {intervalSeconds: 15, mechanism: timestamp}").bridge().watch();
        assertEquals(15, watch.intervalSeconds());
        assertEquals(WatchConfig.Mechanism.timestamp, watch.mechanism());
        assertTrue(watch.enabled());
        WatchConfig defaults = load("server: {port: 8080}").bridge().watch();
        assertEquals(60, defaults.intervalSeconds());
        assertEquals(WatchConfig.Mechanism.auto, defaults.mechanism());
    }

    @Test
    void anUnknownWatchMechanismIsNamedWithTheKnownOnes() {
        ConfigException e = refused("watch: {mechanism: dirsync}");
        assertEquals("watch.mechanism", e.keyPath());
        assertTrue(e.getMessage().contains("[auto, changelog, usn, timestamp]"), e.getMessage());
    }

    @Test
    void anUnknownTransformKindIsNamedWithTheKnownKinds() throws IOException {
        ConfigException e = refusedMapping(USERS + "  - {scim: title, ldap: title, transform: {kind: upperCase}}\n");
        assertEquals("attributes[1].transform", e.keyPath());
        assertTrue(e.getMessage().contains("unknown kind 'upperCase'"), e.getMessage());
        assertTrue(e.hint().contains("lockFlag"), e.hint());
    }

    @Test
    void anUnknownIdFormatIsNamed() throws IOException {
        ConfigException e = refusedMapping(USERS + "id: {attribute: objectGUID, format: guid}\n");
        assertEquals("id.format", e.keyPath());
        assertTrue(e.getMessage().contains("expected one of [text, objectGUID]"), e.getMessage());
    }

    @Test
    void aMappingFileThatIsReallyASecretIsNeverQuoted() throws IOException {
        Files.writeString(directory.resolve("secret.txt"), "DbSecret-9f3kQ\n");
        ConfigException e = refused("mappings: [secret.txt]");
        assertTrue(!e.describe().contains("DbSecret"), e.describe());
    }

    @Test
    void aYamlSyntaxErrorIsPlacedButNotQuoted() throws IOException {
        ConfigException e = refused("ldap:\n    bindPassword: Sup3rSecret\n  urls: [x]\n");
        assertTrue(e.getMessage().startsWith("YAML syntax error"), e.getMessage());
        assertTrue(!e.describe().contains("Sup3rSecret"), e.describe());
    }

    @Test
    void aMissingMappingFileIsNamedByItsIndex() throws IOException {
        ConfigException e = refused("mappings: [users.yaml, groups.yaml]");
        assertEquals("mappings[1]", e.keyPath());
        assertTrue(e.getMessage().contains("groups.yaml does not exist"), e.getMessage());
    }

    @Test
    void aMainFileWithoutMappingsIsRefused() {
        ConfigException e = refused("mappings: []");
        assertEquals("mappings", e.keyPath());
    }

    @Test
    void aMissingMainFileIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(directory.resolve("absent.yaml")));
        assertTrue(e.getMessage().contains("absent.yaml does not exist"), e.getMessage());
    }

    @Test
    void anEmptyMappingFileIsRefused() throws IOException {
        ConfigException e = refusedMapping("");
        assertTrue(e.getMessage().contains("users.yaml"), e.getMessage());
    }

    @Test
    void aMappingMissingFromTheClassPathIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.readMapping("config/none.yaml"));
        assertTrue(e.getMessage().contains("config/none.yaml is not on the class path"), e.getMessage());
    }

    @Test
    void anUnsetEnvironmentVariableSecretIsNamed() {
        String unset = "LDAP_SCIM_BRIDGE_TEST_SURELY_UNSET";
        assertEquals(null, System.getenv(unset));
        ConfigException e = refused("ldap: {bindPassword: {env: " + unset + "}}");
        assertEquals("ldap.bindPassword", e.keyPath());
        assertTrue(e.getMessage().startsWith("environment variable " + unset + " is not set"), e.getMessage());
    }

    @Test
    void aMissingSecretFileIsNamed() {
        ConfigException e = refused("journal: {password: {file: /nonexistent/journal-password}}");
        assertEquals("journal.password", e.keyPath());
        assertTrue(e.getMessage().startsWith("cannot read secret file /nonexistent/journal-password"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "{env: PATH, file: /etc/hostname} -> exactly one of env, file or credential",
            "{vault: ldap} -> unknown secret source 'vault'",
            "{} -> exactly one of env, file or credential",
    })
    void aSecretNeedsExactlyOneKnownSource(String secret, String inMessage) {
        ConfigException e = refused("ldap: {bindPassword: " + secret + "}");
        assertEquals("ldap.bindPassword", e.keyPath());
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
    }

    @Test
    void aSecretFileIsReadWithoutItsTrailingNewline() throws IOException {
        Path secret = write("secret.txt", "  s3cr3t\n");
        LoadedConfig loaded = load("ldap: {bindPassword: {file: " + secret + "}}");
        assertEquals("s3cr3t", loaded.bridge().ldap().bindPassword().reveal());
    }

    @Test
    void theCreateRetryWindowIsTenMinutesUnlessSet() throws IOException {
        assertEquals(600, load("journal: {poolSize: 2}").bridge().journal().createRetryWindowSeconds());
        assertEquals(30, load("journal: {createRetryWindowSeconds: 30}").bridge().journal().createRetryWindowSeconds());
    }

    @Test
    void anEnvironmentSecretIsReadFromTheEnvironment() throws IOException {
        LoadedConfig loaded = load("journal: {password: {env: PATH}}");
        assertEquals(System.getenv("PATH"), loaded.bridge().journal().password().reveal());
    }

    @Test
    void aCredentialIsReadFromTheSystemdCredentialsDirectory() throws IOException {
        // Surefire points CREDENTIALS_DIRECTORY at src/test/resources/credentials.
        Path credentials = Path.of(System.getenv("CREDENTIALS_DIRECTORY"));
        String expected = Files.readString(credentials.resolve("ldap-bind-password")).strip();
        LoadedConfig loaded = load("ldap: {bindPassword: {credential: ldap-bind-password}}");
        assertEquals(expected, loaded.bridge().ldap().bindPassword().reveal());
        ConfigException e = refused("ldap: {bindPassword: {credential: no-such-credential}}");
        assertEquals("ldap.bindPassword", e.keyPath());
        assertTrue(e.getMessage().startsWith("cannot read secret file"), e.getMessage());
    }

    @Test
    void secretsPrintMasked() throws IOException {
        Secret secret = Secret.of("hunter2");
        assertEquals("<masked>", secret.toString());
        assertEquals("<masked>", Secret.empty().toString());
        LoadedConfig loaded = load("ldap: {bindDn: \"cn=scim\", bindPassword: hunter2}");
        String printed = loaded.bridge().toString();
        assertTrue(printed.contains("bindPassword=<masked>"), printed);
        assertFalse(printed.contains("hunter2"), printed);
    }

    @Test
    void theDirectorySectionReadsItsTlsPoolAndReferralSections() throws IOException {
        LdapConfig ldap = load("""
                ldap:
                  urls: ["ldaps://dc1.example.test:636", "ldaps://dc2.example.test:636"]
                  serverSelection: roundRobin
                  connectTimeoutMillis: 2000
                  responseTimeoutMillis: 8000
                  valueRangeSize: 1000
                  tls: {caFile: /etc/ldap-scim-bridge/ca.pem}
                  pool: {size: 4, maxWaitMillis: 250, maxConnectionAgeSeconds: 0, healthCheckIntervalSeconds: 5}
                  referrals: {follow: true, hopLimit: 2}
                """).bridge().ldap();
        assertEquals(ServerSelection.ROUND_ROBIN, ldap.serverSelection());
        assertEquals("/etc/ldap-scim-bridge/ca.pem", ldap.tls().caFile());
        assertTrue(ldap.tls().verifyCertificates() && ldap.tls().verifyHostName() && !ldap.tls().startTls());
        assertEquals(List.of(), ldap.tls().weakenedChecks());
        assertEquals(new LdapPoolConfig(4, 250, 0, 5), ldap.pool());
        assertEquals(new ReferralConfig(true, 2), ldap.referrals());
        assertEquals(8000, ldap.responseTimeoutMillis());
        assertEquals(1000, ldap.valueRangeSize());
    }

    @Test
    void theEarlierFlatKeysStillWork() throws IOException {
        LdapConfig ldap = load("ldap: {startTls: true, trustStore: /etc/ca.p12, trustStorePassword: changeit, poolSize: 3}")
                .bridge().ldap();
        assertTrue(ldap.tls().startTls());
        assertEquals("/etc/ca.p12", ldap.tls().trustStore());
        assertEquals("changeit", ldap.tls().trustStorePassword().reveal());
        assertEquals(3, ldap.pool().size());
        assertEquals(ServerSelection.FAILOVER, ldap.serverSelection());
        assertEquals(ReferralConfig.defaults(), ldap.referrals());
        assertNull(ldap.valueRangeSize());
    }

    @Test
    void switchingCertificateChecksOffIsNamedInItsWarning() throws IOException {
        List<String> none = load("ldap: {tls: {verifyCertificates: false}}").bridge().ldap().tls().weakenedChecks();
        assertEquals(1, none.size());
        assertTrue(none.get(0).startsWith("ldap.tls.verifyCertificates is false"), none.get(0));
        List<String> names = load("ldap: {tls: {verifyHostName: false}}").bridge().ldap().tls().weakenedChecks();
        assertEquals(1, names.size());
        assertTrue(names.get(0).startsWith("ldap.tls.verifyHostName is false"), names.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "ldap: {poolSize: 4, pool: {size: 4}} -> ldap -> poolSize is pool.size",
            "ldap: {trustStore: /a.p12, tls: {caFile: /b.pem}} -> ldap -> belong in tls",
            "ldap: {tls: {trustStore: /a.p12, caFile: /b.pem}} -> ldap.tls -> give tls.trustStore or tls.caFile, not both",
            "ldap: {serverSelection: random} -> ldap.serverSelection -> one of [failover, roundRobin, fewestConnections]",
            "ldap: {tls: {verifyCertificates: \"no\"}} -> ldap.tls.verifyCertificates -> expected true or false",
            "ldap: {tls: {caFle: /b.pem}} -> ldap.tls.caFle -> unknown key 'caFle'",
            "ldap: {pool: {size: 0}} -> ldap.pool -> poolSize must be between 1 and 256",
            "ldap: {pool: {healthCheckIntervalSeconds: 0}} -> ldap.pool -> healthCheckIntervalSeconds must be at least 1",
            "ldap: {referrals: {hopLimit: 0}} -> ldap.referrals -> hopLimit must be between 1 and 20",
            "ldap: {responseTimeoutMillis: 10} -> ldap -> responseTimeoutMillis must be between 100 and 600000",
    })
    void aBadDirectorySettingIsNamed(String bridge, String keyPath, String inMessage) {
        ConfigException e = refused(bridge);
        assertEquals(keyPath, e.keyPath());
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
    }

    @Test
    void errorsDescribeThemselvesOnOneLine() {
        ConfigException e = new ConfigException("ldap.urls[0]", "not an LDAP URL", "use ldaps://host:636");
        assertEquals("ldap.urls[0]: not an LDAP URL (hint: use ldaps://host:636)", e.describe());
        assertEquals("no key", new ConfigException("", "no key", null).describe());
    }

    @Test
    void aSecretMadeInCodeKeepsItsValue() {
        assertEquals("x", Secret.of("x").reveal());
        assertTrue(Secret.empty().isEmpty());
        assertInstanceOf(NullPointerException.class, assertThrows(RuntimeException.class, () -> Secret.of(null)));
    }
}
