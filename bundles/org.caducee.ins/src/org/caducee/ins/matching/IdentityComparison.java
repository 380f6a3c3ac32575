package org.caducee.ins.matching;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.Ins;
import org.caducee.core.text.Names;
import org.caducee.ins.internal.Messages;

/**
 * Side-by-side comparison of the local identity with the single identity INSi returned, one line per
 * {@link TraitField}, names compared after {@link Names#normalize} (case, diacritics, spaces). Hyphens and apostrophes
 * are significant, as in INSi: "JEAN PIERRE" and "JEAN-PIERRE" diverge, with a hint saying so.
 * <p>
 * {@link #perfectMatch()} is the DSR rule for taking the INS without a click (identity becomes récupérée): matricule,
 * NIR, birth name, first birth first name, birth date and sex all concordant. A trait missing locally is not
 * concordant, so a search by traits alone (no matricule known locally) always goes through the user's validation.
 */
public record IdentityComparison(List<TraitComparison> traits) {

    /** The traits that must all be concordant for a perfect match. */
    public static final Set<TraitField> PERFECT_MATCH_FIELDS = EnumSet.of(TraitField.MATRICULE, TraitField.NIR, TraitField.BIRTH_NAME,
            TraitField.FIRST_BIRTH_FIRST_NAME, TraitField.BIRTH_DATE, TraitField.SEX);

    private static final DateTimeFormatter DISPLAY_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    public IdentityComparison {
        traits = List.copyOf(traits);
    }

    /**
     * Compares.
     *
     * @param local     the local birth traits (required)
     * @param localIns  the matricule INS held locally (e.g. read from a Datamatrix or a previous call), or null
     * @param localNir  the NIR read locally (carte Vitale), 13 or 15 characters, or null
     * @param insi      the traits of INSi's answer (TIQ)
     * @param insiIns   the INS of INSi's answer (INSACTIF)
     */
    public static IdentityComparison compare(BirthTraits local, Ins localIns, String localNir, BirthTraits insi, Ins insiIns) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(insi, "insi");
        Objects.requireNonNull(insiIns, "insiIns");
        List<TraitComparison> out = new ArrayList<>();
        out.add(plain(TraitField.MATRICULE, localIns == null ? null : localIns.value(), insiIns.value(), null));
        out.add(nir(localNir, insiIns));
        out.add(name(TraitField.BIRTH_NAME, local.birthName(), insi.birthName()));
        out.add(firstFirstName(local, insi));
        out.add(firstNames(local, insi));
        out.add(plain(TraitField.BIRTH_DATE, DISPLAY_DATE.format(local.birthDate()), DISPLAY_DATE.format(insi.birthDate()), null));
        out.add(plain(TraitField.SEX, local.sex().code(), insi.sex().code(), null));
        out.add(plain(TraitField.BIRTHPLACE, local.birthplaceCode(), insi.birthplaceCode(), null));
        return new IdentityComparison(out);
    }

    /** Compares a local identity (its traits and the INS it holds, if any) with INSi's answer. */
    public static IdentityComparison compare(Identity local, String localNir, BirthTraits insi, Ins insiIns) {
        Objects.requireNonNull(local, "local");
        return compare(local.traits(), local.ins(), localNir, insi, insiIns);
    }

    /** The line of one trait. */
    public TraitComparison get(TraitField field) {
        return traits.stream().filter(t -> t.field() == field).findFirst().orElseThrow();
    }

    /** Matricule, NIR, birth name, first birth first name, birth date and sex all concordant. */
    public boolean perfectMatch() {
        return traits.stream().filter(t -> PERFECT_MATCH_FIELDS.contains(t.field())).allMatch(TraitComparison::concordant);
    }

    /** The lines that are not concordant, to highlight. */
    public List<TraitComparison> differences() {
        return traits.stream().filter(t -> !t.concordant()).toList();
    }

    private static TraitComparison plain(TraitField field, String local, String insi, String hint) {
        String l = blankToNull(local);
        String r = blankToNull(insi);
        return new TraitComparison(field, l, r, outcome(l, r, l != null && l.equalsIgnoreCase(r)), hint);
    }

    private static Concordance outcome(String local, String insi, boolean equal) {
        if (insi == null) {
            return Concordance.MISSING_IN_ANSWER;
        }
        if (local == null) {
            return Concordance.MISSING_LOCALLY;
        }
        return equal ? Concordance.CONCORDANT : Concordance.DIVERGENT;
    }

    private static TraitComparison nir(String localNir, Ins insiIns) {
        String nir = localNir == null ? null : localNir.replace(" ", "").trim().toUpperCase(Locale.ROOT);
        if (nir == null || nir.isEmpty()) {
            return new TraitComparison(TraitField.NIR, null, insiIns.number(), Concordance.MISSING_LOCALLY, null);
        }
        String number = nir.length() >= 13 ? nir.substring(0, 13) : nir;
        if (insiIns.isNia()) {
            return new TraitComparison(TraitField.NIR, number, insiIns.number(), Concordance.DIVERGENT, Messages.get("hint.nia"));
        }
        return plain(TraitField.NIR, number, insiIns.number(), null);
    }

    private static TraitComparison name(TraitField field, String local, String insi) {
        String l = blankToNull(Names.normalize(local));
        String r = blankToNull(Names.normalize(insi));
        String hint = null;
        if (l != null && r != null && !l.equals(r) && Names.searchKey(l).equals(Names.searchKey(r))) {
            hint = Messages.get("hint.separators");
        }
        return new TraitComparison(field, l, r, outcome(l, r, l != null && l.equals(r)), hint);
    }

    private static TraitComparison firstFirstName(BirthTraits local, BirthTraits insi) {
        TraitComparison line = name(TraitField.FIRST_BIRTH_FIRST_NAME, local.firstBirthFirstName(), insi.firstBirthFirstName());
        if (line.concordance() == Concordance.DIVERGENT && line.hint() == null && insi.birthFirstNames().contains(line.local())) {
            return new TraitComparison(line.field(), line.local(), line.insi(), line.concordance(), Messages.get("hint.notFirst"));
        }
        return line;
    }

    private static TraitComparison firstNames(BirthTraits local, BirthTraits insi) {
        TraitComparison line = name(TraitField.BIRTH_FIRST_NAMES, local.firstNamesList(), insi.firstNamesList());
        if (line.concordance() == Concordance.DIVERGENT && line.hint() == null
                && local.birthFirstNames().stream().sorted().toList().equals(insi.birthFirstNames().stream().sorted().toList())) {
            return new TraitComparison(line.field(), line.local(), line.insi(), line.concordance(), Messages.get("hint.order"));
        }
        return line;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
