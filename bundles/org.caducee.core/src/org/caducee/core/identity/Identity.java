package org.caducee.core.identity;

import org.caducee.core.internal.Messages;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.caducee.core.text.Names;

/**
 * A patient's identity as the RNIV defines it: reference traits, used name and first name, the INS when INSi
 * returned it, the status and the attributes. Instances are immutable and always obey the RNIV rules
 * ({@link #violations}); transitions go through the {@code with…} methods, which apply the rules' side effects
 * (for instance "douteuse" downgrades to provisoire and drops the INS).
 */
public record Identity(BirthTraits traits, String usedName, String usedFirstName, Ins ins, IdentityStatus status,
        Set<IdentityAttribute> attributes, IdentityDocumentCheck documentCheck) {

    public Identity {
        Objects.requireNonNull(traits, "traits");
        Objects.requireNonNull(status, "status");
        usedName = usedName == null || usedName.isBlank() ? null : Names.normalize(usedName);
        usedFirstName = usedFirstName == null || usedFirstName.isBlank() ? null : Names.normalize(usedFirstName);
        attributes = attributes == null || attributes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(attributes));
        var problems = violations(status, attributes, ins, documentCheck);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join(" ; ", problems));
        }
    }

    /** A new provisional identity, as created at the front desk. */
    public static Identity provisional(BirthTraits traits, String usedName, String usedFirstName) {
        return new Identity(traits, usedName, usedFirstName, null, IdentityStatus.PROVISOIRE, Set.of(), null);
    }

    /** RNIV rules, as French messages for the user; empty when the combination is allowed. */
    public static java.util.List<String> violations(IdentityStatus status, Set<IdentityAttribute> attributes, Ins ins,
            IdentityDocumentCheck check) {
        var out = new java.util.ArrayList<String>();
        boolean doubtful = attributes.contains(IdentityAttribute.DOUTEUSE);
        boolean fictitious = attributes.contains(IdentityAttribute.FICTIVE);
        if (doubtful && fictitious) {
            out.add(Messages.get("identity.doubtfulAndFictitious"));
        }
        if ((doubtful || fictitious) && status != IdentityStatus.PROVISOIRE) {
            out.add(Messages.get("identity.doubtfulStaysProvisional"));
        }
        if (status.hasInsFromInsi() && ins == null) {
            out.add(Messages.get("identity.statusNeedsIns", Messages.get("status." + status.name())));
        }
        if (!status.hasInsFromInsi() && ins != null) {
            out.add(Messages.get("identity.insOnlyWhenRecovered"));
        }
        if (status.hasDocumentCheck() && check == null) {
            out.add(Messages.get("identity.statusNeedsDocument", Messages.get("status." + status.name())));
        }
        return out;
    }

    public boolean has(IdentityAttribute attribute) {
        return attributes.contains(attribute);
    }

    /** Only a qualified identity may carry its INS into documents, the DMP and MSSanté. */
    public boolean insShareable() {
        return status == IdentityStatus.QUALIFIEE;
    }

    /** Name shown to users: used name when set, else birth name. */
    public String displayName() {
        return usedName != null ? usedName : traits.birthName();
    }

    /** First name shown to users: used first name when set, else first birth first name. */
    public String displayFirstName() {
        return usedFirstName != null ? usedFirstName : traits.firstBirthFirstName();
    }

    /** INSi returned this INS for these traits: provisoire → récupérée, validée → qualifiée. */
    public Identity withInsFromInsi(Ins newIns, BirthTraits insiTraits) {
        Objects.requireNonNull(newIns, "ins");
        refuseIfDoubtfulOrFictitious("identity.action.recoverIns");
        IdentityStatus next = status.hasDocumentCheck() ? IdentityStatus.QUALIFIEE : IdentityStatus.RECUPEREE;
        return new Identity(insiTraits != null ? insiTraits : traits, usedName, usedFirstName, newIns, next, attributes, documentCheck);
    }

    /** A high-trust identity document was checked: provisoire → validée, récupérée → qualifiée. */
    public Identity withDocumentCheck(IdentityDocumentCheck check) {
        Objects.requireNonNull(check, "check");
        refuseIfDoubtfulOrFictitious("identity.action.validate");
        IdentityStatus next = status.hasInsFromInsi() ? IdentityStatus.QUALIFIEE : IdentityStatus.VALIDEE;
        return new Identity(traits, usedName, usedFirstName, ins, next, attributes, check);
    }

    /**
     * Adds an attribute. "Douteuse" and "fictive" downgrade the identity to provisoire and drop the INS and the
     * document check; a fictive identity cannot become doubtful and conversely.
     */
    public Identity withAttribute(IdentityAttribute attribute) {
        EnumSet<IdentityAttribute> next = attributes.isEmpty() ? EnumSet.noneOf(IdentityAttribute.class) : EnumSet.copyOf(attributes);
        if (attribute == IdentityAttribute.DOUTEUSE && has(IdentityAttribute.FICTIVE)
                || attribute == IdentityAttribute.FICTIVE && has(IdentityAttribute.DOUTEUSE)) {
            throw new IllegalStateException(Messages.get("identity.doubtfulAndFictitious"));
        }
        next.add(attribute);
        if (attribute == IdentityAttribute.HOMONYME) {
            return new Identity(traits, usedName, usedFirstName, ins, status, next, documentCheck);
        }
        return new Identity(traits, usedName, usedFirstName, null, IdentityStatus.PROVISOIRE, next, null);
    }

    public Identity withoutAttribute(IdentityAttribute attribute) {
        EnumSet<IdentityAttribute> next = attributes.isEmpty() ? EnumSet.noneOf(IdentityAttribute.class) : EnumSet.copyOf(attributes);
        next.remove(attribute);
        return new Identity(traits, usedName, usedFirstName, ins, status, next, documentCheck);
    }

    /** Changing a reference trait of a récupérée/qualifiée identity invalidates the INS: back to provisoire/validée. */
    public Identity withTraits(BirthTraits newTraits) {
        if (newTraits.equals(traits)) {
            return this;
        }
        IdentityStatus next = status.hasDocumentCheck() ? IdentityStatus.VALIDEE : IdentityStatus.PROVISOIRE;
        return new Identity(newTraits, usedName, usedFirstName, null, next, attributes, next == IdentityStatus.VALIDEE ? documentCheck : null);
    }

    public Identity withUsedNames(String newUsedName, String newUsedFirstName) {
        return new Identity(traits, newUsedName, newUsedFirstName, ins, status, attributes, documentCheck);
    }

    private void refuseIfDoubtfulOrFictitious(String action) {
        if (has(IdentityAttribute.DOUTEUSE) || has(IdentityAttribute.FICTIVE)) {
            throw new IllegalStateException(Messages.get("identity.refused", Messages.get(action)));
        }
    }
}
