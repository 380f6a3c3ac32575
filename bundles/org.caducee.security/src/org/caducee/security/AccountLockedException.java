package org.caducee.security;

import java.time.Instant;

/** Thrown by {@link AccountService#authenticate} while an account is temporarily locked; the message is in French. */
public class AccountLockedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String login;
    private final Instant lockedUntil;

    public AccountLockedException(String login, Instant lockedUntil, String message) {
        super(message);
        this.login = login;
        this.lockedUntil = lockedUntil;
    }

    public String login() {
        return login;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }
}
