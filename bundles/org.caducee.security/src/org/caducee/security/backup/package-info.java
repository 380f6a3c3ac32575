/**
 * Encrypted database backups: {@link org.caducee.security.backup.BackupService} (used by {@code caducee-cli db
 * backup|restore} and the scheduled backup). Archive format: see {@code docs/adr} "security-backup-archive".
 */
package org.caducee.security.backup;
