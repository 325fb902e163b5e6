package org.ldapscim.bridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.ldapscim.bridge.config.BridgeConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LoadedConfig;
import org.ldapscim.bridge.journal.DeprovisionRecord;
import org.ldapscim.bridge.journal.DeprovisionRecords;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.profile.IdpProfiles;
import org.ldapscim.bridge.service.RequestContext;
import org.ldapscim.bridge.service.ResourceService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Offboardings the mass-change brake held: list them, apply them, or drop them. */
@Command(name = "deprovision", mixinStandardHelpOptions = true,
        description = "Offboardings held by the mass-change brake: list, approve or reject them.",
        subcommands = {DeprovisionCommand.ListHeld.class, DeprovisionCommand.Approve.class,
                DeprovisionCommand.Reject.class})
final class DeprovisionCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeprovisionCommand() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print offboardings as JSON lines, oldest first (held ones unless --state says otherwise).")
    static final class ListHeld implements Callable<Integer> {
        @Mixin
        private ConfigOption config;

        @Option(names = "--state", defaultValue = "HELD", paramLabel = "STATE",
                description = "${COMPLETION-CANDIDATES} (default HELD, in any case).")
        private State state;

        @Option(names = "--limit", defaultValue = "100", description = "How many rows (1-10000, default 100).")
        private int limit;

        @Override
        public Integer call() throws Exception {
            if (limit < 1 || limit > JournalQuery.MAX_LIMIT) {
                throw new ConfigException("--limit", "must be between 1 and " + JournalQuery.MAX_LIMIT, null);
            }
            BridgeConfig bridge = ConfigLoader.readBridge(config.file);
            try (JournalDatabase journal = Assembly.openJournal(ConfigOption.journalSettings(bridge.journal()))) {
                for (DeprovisionRecord row : new DeprovisionRecords(journal.dataSource()).inState(state.name(), limit)) {
                    System.out.println(JSON.writeValueAsString(row.toJson()));
                }
            }
            return 0;
        }
    }

    /** The states of a {@code deprovision_state} row, as an enum so that picocli matches them in any case. */
    enum State {
        HELD,
        DEPROVISIONED,
        REACTIVATED,
        PURGED,
        REJECTED
    }

    /** What approve and reject share: the ids given, each naming a held offboarding, decided one by one. */
    abstract static class HeldDecision implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(arity = "1..*", paramLabel = "ID", description = "The ids `deprovision list` shows.")
        List<Long> ids;

        /**
         * Hands each id's held offboarding to {@code decide}, which answers false when it could not be decided; an
         * id that names no held offboarding fails too. The exit code: 0 when none failed, else 1.
         */
        int decideEach(DeprovisionRecords records, Predicate<DeprovisionRecord> decide) {
            int failures = 0;
            for (long id : ids) {
                DeprovisionRecord row = heldRow(records, id);
                if (row == null || !decide.test(row)) {
                    failures++;
                }
            }
            return failures == 0 ? 0 : 1;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Apply held offboardings: their policy's steps run now, journaled.")
    static final class Approve extends HeldDecision {
        @Override
        public Integer call() {
            LoadedConfig loaded = ConfigLoader.load(config.file);
            var settings = ConfigOption.journalSettings(loaded.bridge().journal());
            try (DirectoryClient directory = DirectoryConnector.connect(ConfigOption.requireLdap(loaded.bridge().ldap()));
                 JournalDatabase journal = Assembly.openJournal(settings)) {
                List<ResourceMapping> mappings = Assembly.mappings(loaded.resources(), loaded.bridge().mappings(),
                        directory.schema());
                List<ResourceService> services = Assembly.services(loaded.bridge().server(), mappings, directory,
                        journal.store(), loaded.bridge().auth().clients());
                DeprovisionRecords records = new DeprovisionRecords(journal.dataSource());
                return decideEach(records, row -> approve(row, services, records));
            }
        }

        private static boolean approve(DeprovisionRecord row, List<ResourceService> services,
                                       DeprovisionRecords records) {
            ResourceService service = services.stream().filter(s -> s.resourceType().equals(row.resourceType()))
                    .findFirst().orElse(null);
            String requestId = "operator-" + UUID.randomUUID();
            if (service == null) {
                System.err.println(row.id() + ": no mapping serves " + row.resourceType() + " any more");
                return false;
            }
            try {
                service.approveHeld(row, new RequestContext(requestId, row.client(), "", IdpProfiles.STRICT));
            } catch (ScimException e) {
                System.err.println(row.id() + ": not applied: " + e.status() + " " + e.detail());
                return false;
            }
            records.journalDecision(requestId, operator(), Operation.DEPROVISION, row, decision("approved", row), null);
            System.out.println(row.id() + ": approved and applied to " + row.resourceType() + " " + row.resourceId());
            return true;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Drop held offboardings: the accounts stay as they are.")
    static final class Reject extends HeldDecision {
        @Override
        public Integer call() {
            BridgeConfig bridge = ConfigLoader.readBridge(config.file);
            try (JournalDatabase journal = Assembly.openJournal(ConfigOption.journalSettings(bridge.journal()))) {
                DeprovisionRecords records = new DeprovisionRecords(journal.dataSource());
                return decideEach(records, row -> reject(row, records));
            }
        }

        private static boolean reject(DeprovisionRecord row, DeprovisionRecords records) {
            if (!records.transition(row.id(), DeprovisionRecord.HELD, DeprovisionRecord.REJECTED)) {
                // No longer held: decided in the meantime, so not this command's failure.
                return true;
            }
            records.journalDecision("operator-" + UUID.randomUUID(), operator(), Operation.DEPROVISION, row,
                    decision("rejected", row), null);
            System.out.println(row.id() + ": rejected; " + row.resourceType() + " " + row.resourceId()
                    + " stays as it is");
            return true;
        }
    }

    private static DeprovisionRecord heldRow(DeprovisionRecords records, long id) {
        DeprovisionRecord row = records.find(id);
        if (row == null || !DeprovisionRecord.HELD.equals(row.state())) {
            System.err.println(id + ": " + (row == null ? "no such offboarding" : "not held but " + row.state()));
            return null;
        }
        return row;
    }

    private static ObjectNode decision(String decision, DeprovisionRecord row) {
        return JsonNodeFactory.instance.objectNode().put("decision", decision).put("deprovisionId", row.id())
                .put("trigger", row.trigger()).put("policy", row.policy()).put("client", row.client());
    }

    /** Who decided, as the journal's client: the login at the terminal. */
    private static String operator() {
        return "operator:" + System.getProperty("user.name", "unknown");
    }
}
