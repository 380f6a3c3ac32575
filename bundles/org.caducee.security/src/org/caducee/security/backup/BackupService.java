package org.caducee.security.backup;

import java.nio.file.Path;

/**
 * Encrypted backups of the whole database (H2 or PostgreSQL, every table of the Caducée schema) in one portable
 * archive file: AES-256-GCM in 1 MiB authenticated chunks, key derived from a passphrase with Argon2id, a header
 * with format version, algorithms and salt, and a manifest with the SHA-256 of every part. A restore checks the
 * whole archive first (wrong passphrase, altered or truncated archive, other schema version are refused with a
 * French message and nothing is changed), then replaces the content in one transaction. Every backup and restore
 * is audited. Methods do I/O: never call them on a UI thread.
 */
public interface BackupService {

    /** Usual extension of the archives. */
    String EXTENSION = ".cdbk";

    /**
     * Writes an encrypted archive of the database to {@code file} (replaced if present, through a temporary file).
     *
     * @param actor who asked (audited), null for the system
     * @throws BackupException with a French message
     */
    BackupReport backup(Path file, char[] passphrase, String actor);

    /** Decrypts and checks a whole archive without changing anything. */
    BackupReport verify(Path file, char[] passphrase);

    /**
     * Replaces the content of the database by the archive's, after checking all of it.
     *
     * @param actor who asked (audited; the caller re-authenticated them)
     */
    BackupReport restore(Path file, char[] passphrase, String actor);

    /** Minimum length of a backup passphrase. */
    int MIN_PASSPHRASE_LENGTH = 12;
}
