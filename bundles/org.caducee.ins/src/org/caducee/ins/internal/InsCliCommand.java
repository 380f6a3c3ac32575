package org.caducee.ins.internal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.caducee.cli.CliCommand;
import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.ins.cog.CogLookup;
import org.caducee.ins.cog.CogPlace;
import org.caducee.ins.cog.CogReferential;
import org.caducee.ins.cog.CogStatus;
import org.caducee.ins.datamatrix.DatamatrixImage;
import org.caducee.ins.datamatrix.DatamatrixIns;
import org.caducee.ins.datamatrix.DatamatrixInsContent;
import org.caducee.ins.datamatrix.DatamatrixInsException;
import org.caducee.ins.insi.InsiClient;
import org.caducee.ins.insi.InsiException;
import org.caducee.ins.insi.InsiResult;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Contributes {@code caducee ins cog find|lookup|status}, {@code ins datamatrix parse}, {@code ins search} and {@code ins verify} to the command line
 * (whiteboard {@link CliCommand}; the bundle works without the CLI, whose packages are imported optionally).
 */
@Component(service = CliCommand.class, property = CliCommand.PROPERTY_NAME + "=ins")
public final class InsCliCommand implements CliCommand {

    @Override
    public String name() {
        return "ins";
    }

    @Override
    public Object command(CliContext context) {
        return new Ins();
    }

    @Command(name = "ins", description = "Identité nationale de santé : téléservice INSi, vérifications, référentiel COG, Datamatrix INS.", subcommands = { Cog.class,
            Datamatrix.class, InsiCliCommands.Search.class, InsiCliCommands.Verify.class })
    static final class Ins {
    }

    @Command(name = "cog", description = "Référentiel des communes et pays de l’INSEE (COG).", subcommands = { Find.class, Lookup.class, Status.class })
    static final class Cog {
    }

    @Command(name = "datamatrix", description = "Datamatrix INS.", subcommands = Parse.class)
    static final class Datamatrix {
    }

    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(CliException.USAGE, Messages.get("cli.badDate", text));
        }
    }

    private static CogReferential ready(CliContext context) {
        CogReferential cog = context.service(CogReferential.class);
        CogStatus status = cog.ready().toCompletableFuture().join();
        if (!status.ready()) {
            throw new CliException(CliException.FAILURE, status.message());
        }
        return cog;
    }

    private static Map<String, Object> json(CogLookup l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", l.result().name());
        m.put("code", l.code());
        m.put("place", json(l.place()));
        m.put("current", json(l.current()));
        m.put("message", l.message());
        return m;
    }

    private static Map<String, Object> json(CogPlace p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("name", p.name());
        m.put("kind", p.kind().name());
        m.put("department", p.department());
        m.put("validFrom", p.validFrom() == null ? null : p.validFrom().toString());
        m.put("validTo", p.validTo() == null ? null : p.validTo().toString());
        return m;
    }

    @Command(name = "find", description = "Cherche un lieu de naissance par début de nom (ou par code).")
    static final class Find implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "TEXTE", description = "Début du nom, ou code INSEE.")
        String text;

        @Option(names = "--date", paramLabel = "AAAA-MM-JJ", description = "Lieux valides à cette date (date de naissance).")
        String date;

        @Option(names = "--limit", defaultValue = "20", description = "Nombre maximal de résultats (défaut : 20).")
        int limit;

        Find(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            LocalDate at = date(date);
            List<CogLookup> found = ready(context).search(text, at, limit);
            List<Map<String, Object>> doc = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            for (CogLookup l : found) {
                doc.add(json(l));
                CogPlace p = l.place();
                out.append(String.format("%-5s  %-45s %s%n", l.code(), p.displayName(),
                        l.changedSince() ? "→ " + l.current().displayName() + " (" + l.current().code() + ")"
                                : l.current() == null ? Messages.get("cli.ended") : ""));
            }
            if (found.isEmpty()) {
                out.append(Messages.get("cli.nothing", text));
            }
            context.result(doc, out.toString().stripTrailing());
            return 0;
        }
    }

    @Command(name = "lookup", description = "Le lieu d’un code INSEE à une date, avec la commune d’aujourd’hui.")
    static final class Lookup implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "CODE")
        String code;

        @Option(names = "--date", paramLabel = "AAAA-MM-JJ")
        String date;

        Lookup(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CogLookup l = ready(context).lookup(code, date(date));
            context.result(json(l), l.message());
            return 0;
        }
    }

    @Command(name = "status", description = "État du référentiel COG local (année, lignes) ; importe les fichiers s’ils sont plus récents.")
    static final class Status implements Callable<Integer> {
        private final CliContext context;

        Status(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            CogReferential cog = context.service(CogReferential.class);
            cog.ready().toCompletableFuture().join();
            CogStatus s = cog.importNow();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", s.state().name());
            m.put("year", s.year());
            m.put("places", s.places());
            m.put("events", s.events());
            m.put("importedAt", s.importedAt() == null ? null : s.importedAt().toString());
            m.put("message", s.message());
            context.result(m, s.message());
            return s.ready() ? 0 : 1;
        }
    }

    @Command(name = "parse", description = "Lit le contenu d’un Datamatrix INS (tel que le lecteur le tape, ou dans une image avec --image).")
    static final class Parse implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "TEXTE", arity = "0..1", description = "Contenu tapé par le lecteur 2D.")
        String text;

        @Option(names = "--image", paramLabel = "FICHIER", description = "Image (PNG, JPEG…) d’un document portant le Datamatrix INS.")
        Path image;

        @Option(names = "--verify", description = "Vérifie l’INS lu auprès du téléservice INSi (recherche par les traits lus). Code de sortie 1 si l’INSi ne le confirme pas.")
        boolean verify;

        Parse(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if ((text == null) == (image == null)) {
                throw new CliException(CliException.USAGE, Messages.get("cli.datamatrix.oneSource"));
            }
            DatamatrixInsContent c;
            try {
                c = image != null ? DatamatrixImage.parse(image) : DatamatrixIns.parse(text);
            } catch (DatamatrixInsException e) {
                throw new CliException(CliException.FAILURE, e.getMessage());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("matricule", c.ins().value());
            m.put("oid", c.ins().oid());
            m.put("type", c.ins().type().name());
            m.put("keyValid", c.keyValid());
            m.put("birthName", c.traits().birthName());
            m.put("birthFirstNames", c.traits().birthFirstNames());
            m.put("sex", c.traits().sex().code());
            m.put("birthDate", c.traits().birthDate().toString());
            m.put("birthplaceCode", c.traits().birthplaceCode());
            m.put("warnings", c.warnings());
            String text = Messages.get("cli.datamatrix", c.ins().value(), c.ins().type().name(), c.traits().birthName(), c.traits().firstNamesList(),
                    c.traits().sex().code(), java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu").format(c.traits().birthDate()),
                    c.traits().birthplaceCode())
                    + (c.warnings().isEmpty() ? "" : "\n" + String.join("\n", c.warnings()));
            if (!verify) {
                context.result(m, text);
                return 0;
            }
            InsiResult r;
            try {
                r = context.service(InsiClient.class).searchWithTraits(c.traits(), new ArrayList<>());
            } catch (InsiException e) {
                throw new CliException(e.retryable() ? InsiCliCommands.UNAVAILABLE : CliException.FAILURE, e.getMessage(), e);
            }
            boolean confirmed = r != null && r.found() && r.ins().value().equals(c.ins().value());
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("code", r == null ? null : r.answer().code());
            check.put("matricule", r != null && r.found() ? r.ins().value() : null);
            check.put("confirmed", confirmed);
            m.put("insi", check);
            String verdict = confirmed ? Messages.get("cli.datamatrix.confirmed", c.ins().value())
                    : Messages.get("cli.datamatrix.notConfirmed", c.ins().value(), r == null ? "?" : r.answer().code());
            context.result(m, text + "\n" + verdict);
            if (!confirmed) {
                context.err().println(verdict);
            }
            return confirmed ? 0 : 1;
        }
    }
}
