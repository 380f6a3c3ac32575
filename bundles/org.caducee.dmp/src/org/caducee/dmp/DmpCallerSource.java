package org.caducee.dmp;

import java.util.Optional;

/**
 * Whiteboard: who is strongly authenticated on this workstation for the DMP (a Pro Santé Connect session, a CPS
 * card…). The DMP service asks every source, highest {@code service.ranking} first; none answering means the DICA
 * condition "Authentification" fails and nothing is sent.
 */
public interface DmpCallerSource {

    Optional<DmpCaller> current();
}
