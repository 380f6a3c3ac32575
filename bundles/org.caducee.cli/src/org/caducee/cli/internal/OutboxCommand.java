package org.caducee.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outbox list|retry|cancel}. */
@Command(name = "outbox", description = "File d’envoi durable (DMP, MSSanté, INSi…).",
        subcommands = { OutboxCommand.ListItems.class, OutboxCommand.Retry.class, OutboxCommand.Cancel.class, OutboxCommand.Hold.class,
                OutboxCommand.Release.class })
final class OutboxCommand {

    static UUID id(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, Messages.get("outbox.badId", value));
        }
    }

    static OutboxItem existing(OutboxService outbox, UUID id) {
        return outbox.find(id).orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("outbox.notFound", id)));
    }

    @Command(name = "list", description = "Liste les envois, du plus récent au plus ancien.")
    static final class ListItems implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--etat", paramLabel = "ÉTAT", description = "Filtre : ${COMPLETION-CANDIDATES}.")
        OutboxState state;
        @Option(names = "--max", paramLabel = "N", defaultValue = "100", description = "Nombre maximal d’éléments (défaut : 100).")
        int max;

        ListItems(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            OutboxService outbox = context.service(OutboxService.class);
            List<OutboxItem> items = outbox.list(state, max);
            Map<String, Object> counts = new TreeMap<>();
            outbox.counts().forEach((s, n) -> counts.put(s.name(), n));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("count", items.size());
            doc.put("items", items.stream().map(Documents::outboxItem).toList());
            doc.put("counts", counts);
            StringBuilder text = new StringBuilder();
            items.forEach(i -> text.append(Documents.outboxLine(i)).append('\n'));
            text.append(Messages.get("outbox.count", items.size()));
            context.result(doc, text.toString());
            return 0;
        }
    }

    /** One state change of an item, shared by retry, cancel, hold and release. */
    abstract static class Transition implements Callable<Integer> {
        private final CliContext context;
        private final java.util.function.BiFunction<OutboxService, UUID, OutboxItem> action;
        private final String doneKey;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        Transition(CliContext context, java.util.function.BiFunction<OutboxService, UUID, OutboxItem> action, String doneKey) {
            this.context = context;
            this.action = action;
            this.doneKey = doneKey;
        }

        @Override
        public Integer call() {
            OutboxService outbox = context.service(OutboxService.class);
            UUID uuid = id(id);
            existing(outbox, uuid);
            OutboxItem item = action.apply(outbox, uuid);
            context.result(Documents.outboxItem(item), Messages.get(doneKey, item.id(), item.description()));
            return 0;
        }
    }

    @Command(name = "retry", description = "Relance un envoi en échec ou annulé.")
    static final class Retry extends Transition {
        Retry(CliContext context) {
            super(context, OutboxService::retry, "outbox.retried");
        }
    }

    @Command(name = "cancel", description = "Annule un envoi en attente ou suspendu.")
    static final class Cancel extends Transition {
        Cancel(CliContext context) {
            super(context, OutboxService::cancel, "outbox.cancelled");
        }
    }

    @Command(name = "hold", description = "Suspend un envoi en attente.")
    static final class Hold extends Transition {
        Hold(CliContext context) {
            super(context, OutboxService::hold, "outbox.held");
        }
    }

    @Command(name = "release", description = "Reprend un envoi suspendu.")
    static final class Release extends Transition {
        Release(CliContext context) {
            super(context, OutboxService::release, "outbox.released");
        }
    }
}
