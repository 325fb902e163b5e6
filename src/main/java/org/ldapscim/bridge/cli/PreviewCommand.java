package org.ldapscim.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LoadedConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.http.ScimJson;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalException;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.UncommittedJournal;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.ldap.UnsentWrites;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.profile.PatchReply;
import org.ldapscim.bridge.service.RequestContext;
import org.ldapscim.bridge.service.ClientServices;
import org.ldapscim.bridge.service.ResourceService;
import org.ldapscim.bridge.service.WithheldChanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs one SCIM request through the services {@code serve} uses, over the configured directory and journal, with
 * the directory's writes withheld and the journal's rows rolled back, and prints what the bridge would do.
 */
@Command(name = "preview", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = PreviewCommand.FAILED,
        description = "Show the LDAP operations, journal entries and SCIM response a request would cause, without"
                + " changing the directory or the journal.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the bridge would accept the request", "2:the bridge would refuse it (the SCIM error is"
                + " printed)", "1:a configuration or usage error"})
final class PreviewCommand implements Callable<Integer> {
    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();
    static final int REFUSED = 2;
    static final int FAILED = 1;

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Option(names = "--client", required = true, paramLabel = "NAME",
            description = "The client of auth.clients the request comes from: its profile and policies apply.")
    private String client;

    @Option(names = "--body", paramLabel = "FILE", description = "The request body, or - for standard input.")
    private String body;

    @Parameters(index = "0", paramLabel = "METHOD", description = "${COMPLETION-CANDIDATES}")
    private Method method;

    @Parameters(index = "1", paramLabel = "PATH", description = "e.g. /Users or /Groups/<id>")
    private String path;

    enum Method {
        POST,
        PUT,
        PATCH,
        DELETE
    }

    @Override
    public Integer call() throws IOException {
        PrintStream output = System.out;
        // What the services log goes to standard error while they run, apart from what the preview prints.
        System.setOut(System.err);
        try {
            return preview(output);
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.describe());
            return FAILED;
        } catch (JournalException e) {
            System.err.println("configuration error: journal: " + e.getMessage());
            return FAILED;
        } finally {
            System.setOut(output);
        }
    }

    private int preview(PrintStream output) throws IOException {
        Target target = Target.of(method, path, spec);
        byte[] sent = readBody();
        LoadedConfig loaded = ConfigLoader.load(config.file);
        List<String> labels = loaded.bridge().mappings();
        PreviewClient from = PreviewClient.named(client, loaded.bridge().auth().clients());
        LdapConfig ldap = ConfigOption.requireLdap(loaded.bridge().ldap());
        var journalSettings = ConfigOption.journalSettings(loaded.bridge().journal());
        Assembly.requireEncryptedPasswordWrites(MappingCompiler.compile(loaded.resources(), labels), labels, ldap);
        try (DirectoryClient directory = DirectoryConnector.connect(ldap)) {
            List<ResourceMapping> mappings = Assembly.mappings(loaded.resources(), labels, directory.schema());
            Assembly.requireEntriesExist(mappings, labels, directory);
            Assembly.requireDirectoryFeatures(mappings, labels, directory);
            Assembly.requireDeprovisionPolicies(mappings, labels, loaded.bridge().auth().clients(), directory);
            UnsentWrites unsent = new UnsentWrites();
            try (UncommittedJournal journal = UncommittedJournal.open(journalSettings)) {
                ClientServices services = Assembly.clientServices(loaded.bridge().server(), mappings,
                        directory.withholdingWrites(unsent), journal.store(), loaded.bridge().auth().clients());
                String requestId = "preview-" + UUID.randomUUID();
                Instant started = Instant.now();
                Answer answer = answer(target, sent, services, from, requestId, baseUrl(loaded.bridge().server()));
                print(output, WithheldChanges.ldif(unsent.records(), mappings),
                        recorded(journal, from.config().name(), requestId, started), answer);
                return answer.status() >= 400 ? REFUSED : 0;
            }
        }
    }

    /** The request's method and path, the resource type's endpoint and the id it names (null for a POST). */
    private record Target(Method method, String endpoint, String id) {
        static Target of(Method method, String path, CommandSpec spec) {
            String relative = path.startsWith(ScimServer.PREFIX + "/") ? path.substring(ScimServer.PREFIX.length())
                    : path;
            String[] parts = relative.split("/", -1);
            boolean withId = method != Method.POST;
            if (!relative.startsWith("/") || parts.length != (withId ? 3 : 2) || parts[1].isEmpty()
                    || withId && parts[2].isEmpty()) {
                throw new ParameterException(spec.commandLine(), method + " takes " + (withId ? "/<Type>/<id>"
                        : "/<Type>") + ", not " + path + "; e.g. " + (withId
                        ? "/Users/2819c223-7f76-453a-919d-413861904646" : "/Users"));
            }
            return new Target(method, "/" + parts[1], withId ? parts[2] : null);
        }
    }

    /** What the client would get: the status and the body (null for none). */
    private record Answer(int status, JsonNode body) {
    }

    private Answer answer(Target target, byte[] sent, ClientServices services, PreviewClient from,
                          String requestId, String baseUrl) {
        try {
            ResourceService service = services.service(from.config().name(), target.endpoint());
            JsonNode body = target.method() == Method.DELETE ? null : ScimJson.parse(sent);
            RequestContext request = from.request(requestId, baseUrl, body);
            Projection all = Projection.of(null, null, service.coreSchemaUrn());
            return switch (target.method()) {
                case POST -> new Answer(201, service.create(body, all, request));
                case PUT -> new Answer(200, service.replace(target.id(), body, all, request));
                case PATCH -> patch(service, target.id(), body, request);
                case DELETE -> {
                    service.delete(target.id(), request);
                    yield new Answer(204, null);
                }
            };
        } catch (ScimException e) {
            // As serve answers it: a 500 names only the request; its cause is for the operator, as serve logs it.
            if (e.status() == 500) {
                System.err.println("internal error: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            }
            String detail = e.status() == 500 ? "internal error, requestId=" + requestId : e.detail();
            return new Answer(e.status(), ScimJson.error(e.status(), e.scimType() == null ? null : e.scimType().name(),
                    detail));
        }
    }

    /** A PATCH answered as serve answers it: 204 with nothing read back when the client's profile says so. */
    private static Answer patch(ResourceService service, String id, JsonNode body, RequestContext request) {
        if (request.profile().patchReply() == PatchReply.NO_CONTENT) {
            service.patch(id, body, Projection.of("meta", null, service.coreSchemaUrn()), request);
            return new Answer(204, null);
        }
        return new Answer(200, service.patch(id, body, Projection.of(null, null, service.coreSchemaUrn()), request));
    }

    private byte[] readBody() throws IOException {
        if (body == null) {
            return new byte[0];
        }
        if (method == Method.DELETE) {
            throw new ParameterException(spec.commandLine(), "a DELETE carries no body; leave --body out");
        }
        try {
            return body.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(body));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--body: cannot read " + body + ": " + e.getMessage());
        }
    }

    private static String baseUrl(ServerConfig server) {
        String root = server.publicBaseUrl() != null ? server.publicBaseUrl().replaceAll("/$", "")
                : "http://" + server.host() + ":" + server.port();
        return root + ScimServer.PREFIX;
    }

    /** The journal entries this request recorded, oldest first, read back before they are rolled back. */
    private static List<JournalEntry> recorded(UncommittedJournal journal, String client, String requestId,
                                               Instant started) {
        List<JournalEntry> entries = new ArrayList<>(journal.store().find(new JournalQuery(JournalQuery.MAX_LIMIT,
                null, client, null, started.minusSeconds(60), null)).stream()
                .filter(entry -> requestId.equals(entry.requestId())).toList());
        Collections.reverse(entries);
        return entries;
    }

    private static void print(PrintStream output, String ldif, List<JournalEntry> journal, Answer answer) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# LDAP operations (none was sent)\n");
        out.append(ldif.isEmpty() ? "# none\n\n" : ldif);
        out.append("# Journal entries (none was recorded)\n");
        if (journal.isEmpty()) {
            out.append("# none\n");
        }
        for (JournalEntry entry : journal) {
            out.append(JSON.writeValueAsString(entry.toJson())).append('\n');
        }
        out.append("\n# SCIM response\n").append(answer.status()).append('\n');
        if (answer.body() != null) {
            out.append(JSON.writeValueAsString(answer.body())).append('\n');
        }
        output.print(out);
    }
}
