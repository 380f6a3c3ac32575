/**
 * Local accounts and roles of Caducée: {@link org.caducee.security.AccountService} (Argon2id password hashes,
 * ANSSI-inspired password policy, temporary lockout after repeated failures, every attempt audited). The audit trail
 * itself is the {@code org.caducee.core.audit.AuditTrail} service, implemented by this bundle as an append-only,
 * SHA-256 hash-chained table. Hardened XML factories are in {@link org.caducee.security.xml}, the bounded ZIP reader in
 * {@link org.caducee.security.zip}.
 */
package org.caducee.security;
