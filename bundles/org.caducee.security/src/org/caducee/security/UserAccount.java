package org.caducee.security;

import java.util.Set;

/** A local user. {@code rpps} is set for health professionals. */
public record UserAccount(String login, String displayName, Set<Role> roles, String rpps, boolean active) {

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
