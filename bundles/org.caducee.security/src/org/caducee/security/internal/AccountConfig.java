package org.caducee.security.internal;

/**
 * Configuration of {@link AccountServiceImpl} (Config Admin PID {@code org.caducee.security.accounts}). The lock-out
 * values are the defaults of the password policy until an administrator stores their own
 * ({@code AccountService.updatePolicy}).
 */
public @interface AccountConfig {

    /** Consecutive failures that lock an account. */
    int maxFailures() default 5;

    /** Duration of the first temporary lockout, in seconds (it doubles at each new lock). */
    long lockoutSeconds() default 60;

    /** Argon2id memory in KiB. */
    int argon2MemoryKib() default Argon2PasswordHasher.DEFAULT_MEMORY_KIB;

    int argon2Iterations() default Argon2PasswordHasher.DEFAULT_ITERATIONS;

    int argon2Parallelism() default Argon2PasswordHasher.DEFAULT_PARALLELISM;
}
