package org.caducee.dmp;

import java.util.Objects;

import org.caducee.dmp.vihf.AuthenticationContext;
import org.caducee.dmp.vihf.AuthenticationMode;

/**
 * The professional on whose behalf the workstation talks to the DMP now, with how he or she was strongly
 * authenticated (mode and credential), and the local login for the traces.
 */
public record DmpCaller(String login, DmpRequest.Professional professional, AuthenticationMode authentication,
        AuthenticationContext context) {

    public DmpCaller {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(professional, "professional");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(context, "context");
    }

    /** A caller with the usual credential of the mode ({@link AuthenticationContext#usual}). */
    public DmpCaller(String login, DmpRequest.Professional professional, AuthenticationMode authentication) {
        this(login, professional, authentication, AuthenticationContext.usual(authentication));
    }

    /** True when this caller may only feed the DMP (structure certificate): no consultation, no authorisation. */
    public boolean feedingOnly() {
        return context.feedingOnly();
    }
}
