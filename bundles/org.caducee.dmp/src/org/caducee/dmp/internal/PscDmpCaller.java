package org.caducee.dmp.internal;

import java.util.Optional;

import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.psc.PscAccountLinking;
import org.caducee.psc.PscIdentity;
import org.caducee.psc.PscSession;
import org.caducee.security.UserAccount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The professional of the active Pro Santé Connect session calls the DMP (DSR SC.DMP/PSC.40): the VIHF is built from
 * the PSC identity and signed by the structure, authentication mode INDIRECTE.
 */
@Component(service = DmpCallerSource.class)
public final class PscDmpCaller implements DmpCallerSource {

    private final PscSession session;
    private final PscAccountLinking linking;

    @Activate
    public PscDmpCaller(@Reference PscSession session, @Reference PscAccountLinking linking) {
        this.session = session;
        this.linking = linking;
    }

    @Override
    public Optional<DmpCaller> current() {
        if (session.state() != PscSession.State.ACTIVE) {
            return Optional.empty();
        }
        return session.identity().map(this::caller);
    }

    private DmpCaller caller(PscIdentity identity) {
        Optional<PscIdentity.Exercise> exercise = identity.exercises().stream().findFirst();
        String profession = exercise.map(PscIdentity.Exercise::professionCode).filter(c -> c != null && !c.isBlank()).orElse("10");
        Optional<String> specialty = exercise.map(PscIdentity.Exercise::savoirFaireCode).filter(c -> c != null && !c.isBlank());
        String name = ((identity.lastName() == null ? "" : identity.lastName()) + " "
                + (identity.firstName() == null ? "" : identity.firstName())).trim();
        String login = linking.linkedAccount(identity).map(UserAccount::login).orElse(identity.nationalId());
        return new DmpCaller(login, new DmpRequest.Professional(identity.nationalId(), name, profession, specialty),
                AuthenticationMode.INDIRECTE);
    }
}
