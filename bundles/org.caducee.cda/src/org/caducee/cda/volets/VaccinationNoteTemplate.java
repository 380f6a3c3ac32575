package org.caducee.cda.volets;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;
import org.caducee.cda.internal.Messages;
import org.caducee.cda.write.CdaBodyTemplate;
import org.caducee.cda.write.CdaDocument;
import org.caducee.cda.write.CdaEntry;
import org.caducee.cda.write.CdaSection;
import org.caducee.cda.write.SectionText;
import org.caducee.cda.write.SectionText.Cell;

/**
 * Volet "Note de vaccination" (VAC-NOTE 2023.01): one FR-Vaccinations section with one FR-Vaccination entry per act
 * (CIS vaccine with ATC and CIP13 translations, lot, rank, route, comment). Entry and section ids are derived from the
 * document id, so writing the same document twice gives the same bytes.
 */
public final class VaccinationNoteTemplate implements CdaBodyTemplate<VaccinationNote> {

    public static final CodedValue NOTE_DE_VACCINATION = new CodedValue("87273-9", "2.16.840.1.113883.6.1", "Note de vaccination");
    private static final CodedValue HISTORY = new CodedValue("11369-6", "2.16.840.1.113883.6.1", "Historique des vaccinations");
    private static final CodedValue RANK = new CodedValue("30973-2", "2.16.840.1.113883.6.1", "Rang de la vaccination");
    private static final CodedValue COMMENT = new CodedValue("48767-8", "2.16.840.1.113883.6.1", "Commentaire");
    private static final CodedValue IMMUNIZATION = new CodedValue("IMMUNIZ", "2.16.840.1.113883.5.4", "Vaccination");
    private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    @Override
    public List<InstanceId> templateIds() {
        return List.of(new InstanceId("1.3.6.1.4.1.19376.1.5.3.1.1.18.1.2", null),
                new InstanceId("1.2.250.1.213.1.1.1.46", "2023.01"));
    }

    @Override
    public CodedValue documentCode() {
        return NOTE_DE_VACCINATION;
    }

    @Override
    public List<CdaSection> sections(VaccinationNote content, CdaDocument document) {
        List<List<Cell>> rows = new ArrayList<>();
        List<CdaEntry> entries = new ArrayList<>();
        int n = 0;
        for (Vaccination v : content.vaccinations()) {
            n++;
            String ref = "vac-" + n;
            rows.add(List.of(Cell.of(v.date().format(FR)), new Cell(v.vaccine().displayName(), ref), Cell.of(v.lotNumber()),
                    Cell.of(v.rank() == null ? "" : v.rank().toString()),
                    Cell.of(v.route() == null ? "" : v.route().displayName()),
                    v.comment() == null ? Cell.of("") : new Cell(v.comment(), ref + "-comment")));
            List<CdaEntry.Relationship> rel = new ArrayList<>();
            if (v.rank() != null) {
                rel.add(new CdaEntry.Relationship("SUBJ", new CdaEntry.Observation(
                        List.of(id("2.16.840.1.113883.10.20.1.46"), id("1.2.250.1.213.1.1.3.82")), null, RANK, null,
                        "completed", null, new CdaEntry.Value.Integer(v.rank()))));
            }
            if (v.comment() != null) {
                rel.add(new CdaEntry.Relationship("SUBJ", new CdaEntry.Act(List.of(id("2.16.840.1.113883.10.20.1.40"),
                        id("1.3.6.1.4.1.19376.1.5.3.1.4.2"), id("1.2.250.1.213.1.1.3.32")), COMMENT, "#" + ref + "-comment",
                        v.comment(), "completed")));
            }
            List<CodedValue> translations = new ArrayList<>();
            translations.add(v.atc());
            if (v.cip13() != null) {
                translations.add(v.cip13());
            }
            entries.add(new CdaEntry.SubstanceAdministration(
                    List.of(id("2.16.840.1.113883.10.20.1.24"), id("1.3.6.1.4.1.19376.1.5.3.1.4.12"), id("1.2.250.1.213.1.1.3.45")),
                    derived(document, "vac", n), IMMUNIZATION, "#" + ref, "completed", v.date().format(HL7_DATE), v.route(), null,
                    new CdaEntry.Product(List.of(id("2.16.840.1.113883.10.20.1.53"), id("1.3.6.1.4.1.19376.1.5.3.1.4.7.2"),
                            id("1.2.250.1.213.1.1.3.43")), v.vaccine(), translations, "#" + ref, v.atc().displayName(),
                            v.lotNumber()),
                    true, rel));
        }
        SectionText text = SectionText.table(List.of(Messages.get("vac.date"), Messages.get("vac.vaccine"), Messages.get("vac.lot"),
                Messages.get("vac.rank"), Messages.get("vac.route"), Messages.get("vac.comment")), rows);
        return List.of(new CdaSection(List.of(id("2.16.840.1.113883.10.20.1.6"), id("1.3.6.1.4.1.19376.1.5.3.1.3.23"),
                id("1.2.250.1.213.1.1.2.147")), derived(document, "section", 1), HISTORY, Messages.get("vac.section"), text, entries));
    }

    private static InstanceId id(String root) {
        return new InstanceId(root, null);
    }

    /** A stable UUID derived from the document id (same document, same ids). */
    static InstanceId derived(CdaDocument document, String kind, int n) {
        return new InstanceId(UUID.nameUUIDFromBytes((document.id().value() + "/" + kind + "/" + n)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().toUpperCase(java.util.Locale.ROOT), null);
    }
}
