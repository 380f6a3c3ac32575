package org.caducee.dmp.internal;

import java.util.Optional;

import org.caducee.core.installation.Installation;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.vihf.AuthenticationContext;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.security.SessionGuard;
import org.caducee.security.UserAccount;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Indirect authentication of the Structures d'exercice coordonné profile (DSR 10.4, SC.DMP/CONF.22): when the
 * installation setting {@value #SETTING} is {@code structure}, the logged-in professional (a local account with an
 * RPPS) feeds the DMP under the structure's certificate: mode INDIRECTE, credential
 * {@link AuthenticationContext#CERTIFICAT_STRUCTURE}, the professional named in the VIHF as author. The DMP accepts
 * it for feeding only, so the DMP service never uses it to consult. Ranked below the personal credentials (Pro Santé
 * Connect, card): a professional who has one uses it.
 */
@Component(service = DmpCallerSource.class, property = Constants.SERVICE_RANKING + ":Integer=-100")
public final class StructureDmpCaller implements DmpCallerSource {

    /** Installation setting choosing the indirect authentication; {@code structure} enables it. */
    public static final String SETTING = "dmp.authentification.indirecte";
    /** Profession code (TRE_G15) put in the VIHF for the accounts of the structure; {@code 10} (médecin) by default. */
    public static final String PROFESSION_SETTING = "dmp.authentification.indirecte.profession";

    private final SessionGuard session;
    private final Installation installation;

    @Activate
    public StructureDmpCaller(@Reference SessionGuard session, @Reference Installation installation) {
        this.session = session;
        this.installation = installation;
    }

    @Override
    public Optional<DmpCaller> current() {
        if (!enabled(installation)) {
            return Optional.empty();
        }
        return session.user().filter(UserAccount::active).filter(u -> u.rpps() != null && !u.rpps().isBlank()).map(this::caller);
    }

    static boolean enabled(Installation installation) {
        return installation.setting(SETTING).map(String::trim).filter("structure"::equalsIgnoreCase).isPresent();
    }

    private DmpCaller caller(UserAccount account) {
        String profession = installation.setting(PROFESSION_SETTING).map(String::trim).filter(s -> s.matches("\\d{1,3}")).orElse("10");
        return new DmpCaller(account.login(), new DmpRequest.Professional("8" + account.rpps().trim(), account.displayName(), profession,
                Optional.empty()), AuthenticationMode.INDIRECTE, AuthenticationContext.CERTIFICAT_STRUCTURE);
    }
}
