package org.caducee.dmp;

import java.util.Objects;

/**
 * The professional on whose behalf the workstation talks to the DMP now, with how he or she was strongly
 * authenticated, and the local login for the traces.
 */
public record DmpCaller(String login, DmpRequest.Professional professional,
        org.caducee.dmp.vihf.AuthenticationMode authentication) {

    public DmpCaller {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(professional, "professional");
        Objects.requireNonNull(authentication, "authentication");
    }
}
