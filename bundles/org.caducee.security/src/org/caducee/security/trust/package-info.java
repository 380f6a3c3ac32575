/** TLS trust for the national services: {@link org.caducee.security.trust.TrustService}. */
package org.caducee.security.trust;
