package org.caducee.core.installation;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The one time zone every time shown to the user is written in (setting {@value #SETTING}, Europe/Paris by default),
 * whatever the zone of the machine: the practice's legal time, the same on every workstation and in every part.
 */
public final class DisplayZone {

    /** Setting of {@code caducee.properties} (or framework/system property {@code caducee.affichage.fuseau}). */
    public static final String SETTING = "affichage.fuseau";
    public static final ZoneId DEFAULT = ZoneId.of("Europe/Paris");

    private DisplayZone() {
    }

    /** The configured display zone; the default when the installation is not known yet or the setting is not a zone. */
    public static ZoneId of(Installation installation) {
        if (installation == null) {
            return DEFAULT;
        }
        return installation.setting(SETTING).map(String::strip).filter(v -> !v.isEmpty()).map(v -> {
            try {
                return ZoneId.of(v);
            } catch (DateTimeException e) {
                return null;
            }
        }).orElse(DEFAULT);
    }
}
