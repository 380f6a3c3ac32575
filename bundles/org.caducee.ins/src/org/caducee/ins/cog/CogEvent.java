package org.caducee.ins.cog;

import java.time.LocalDate;

/**
 * An event on communes from the INSEE file of movements: {@code changeType} is the INSEE code (10 renaming, 21
 * re-creation, 31 simple merger, 32 new commune, 33 association, 41 change of code with the département…), {@code label}
 * its French label.
 */
public record CogEvent(String changeType, String label, LocalDate effective, String codeBefore, String nameBefore, String codeAfter,
        String nameAfter) {
}
