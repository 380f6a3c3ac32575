package org.caducee.security.internal;

/** Configuration of {@link AccountServiceImpl} (Config Admin PID {@code org.caducee.security.accounts}). */
public @interface AccountConfig {

    /** Consecutive failures that lock an account. */
    int maxFailures() default 5;

    /** Duration of the temporary lockout, in seconds. */
    long lockoutSeconds() default 60;

    /** Argon2id memory in KiB. */
    int argon2MemoryKib() default Argon2PasswordHasher.DEFAULT_MEMORY_KIB;

    int argon2Iterations() default Argon2PasswordHasher.DEFAULT_ITERATIONS;

    int argon2Parallelism() default Argon2PasswordHasher.DEFAULT_PARALLELISM;
}
