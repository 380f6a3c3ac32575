package org.caducee.security;

import java.time.Instant;

/**
 * Security state of an account, for administration screens: never any secret.
 *
 * @param lockedUntil end of the temporary lock after repeated failures, or null
 * @param lockedByAdministrator locked by an administrator until unlocked
 * @param passwordExpiresAt when the password must be changed under the current policy, or null when it never expires
 * @param mustChangePassword the password was reset by an administrator (or has expired) and must be changed at login
 */
public record AccountStatus(UserAccount account, int failedAttempts, Instant lockedUntil, boolean lockedByAdministrator,
        Instant passwordChangedAt,
        Instant passwordExpiresAt, boolean mustChangePassword) {

    /** True while the account cannot log in because of a lock at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedByAdministrator || lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** True when the password must be changed before working ({@link #mustChangePassword} or expired at {@code now}). */
    public boolean passwordChangeRequiredAt(Instant now) {
        return mustChangePassword || passwordExpiresAt != null && !now.isBefore(passwordExpiresAt);
    }
}
