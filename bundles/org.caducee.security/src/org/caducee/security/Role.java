package org.caducee.security;

/** Roles of local users. */
public enum Role {
    MEDECIN, SECRETAIRE, ADMINISTRATEUR
}
