package org.caducee.workbench.internal;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;

import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityAttribute;
import org.caducee.core.identity.IdentityStatus;
import org.eclipse.swt.graphics.RGB;

/** How an identity is shown: status label, colours and the tooltip telling how to reach "qualifiée". */
public final class IdentityPresentation {

    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private IdentityPresentation() {
    }

    public static String statusLabel(Identity identity) {
        StringBuilder label = new StringBuilder(Messages.get("status." + identity.status().name()));
        for (IdentityAttribute attribute : identity.attributes()) {
            label.append(" · ").append(Messages.get("attribute." + attribute.name()));
        }
        return label.toString();
    }

    public static String shortStatus(Identity identity) {
        String text = Messages.get("status.short." + identity.status().name());
        if (identity.has(IdentityAttribute.DOUTEUSE)) {
            text += " · " + Messages.get("attribute.DOUTEUSE");
        } else if (identity.has(IdentityAttribute.FICTIVE)) {
            text += " · " + Messages.get("attribute.FICTIVE");
        }
        return text;
    }

    public static String tooltip(Identity identity) {
        String text = Messages.get("tooltip." + identity.status().name());
        if (identity.has(IdentityAttribute.DOUTEUSE)) {
            text += Messages.get("tooltip.DOUTEUSE");
        }
        if (identity.has(IdentityAttribute.FICTIVE)) {
            text += Messages.get("tooltip.FICTIVE");
        }
        return text;
    }

    /** Background colour of the status badge. */
    public static RGB background(IdentityStatus status) {
        return switch (status) {
            case QUALIFIEE -> new RGB(0x1e, 0x7b, 0x3a);
            case RECUPEREE -> new RGB(0x1f, 0x5f, 0x9e);
            case VALIDEE -> new RGB(0x6a, 0x4c, 0x93);
            case PROVISOIRE -> new RGB(0xc0, 0x5a, 0x00);
        };
    }

    public static String birthLine(Identity identity) {
        LocalDate birth = identity.traits().birthDate();
        int age = Period.between(birth, LocalDate.now()).getYears();
        int female = identity.traits().sex().code().equals("F") ? 1 : 0;
        return Messages.get("record.born", female, DATE.format(birth), age);
    }
}
