/**
 * Hardened XML factories that every Caducée bundle uses for XML it did not write itself:
 * {@link org.caducee.security.xml.SecureXml}. No DTDs, no external entities, stylesheets or schemas; refusals are
 * explained in French by {@link org.caducee.security.xml.SecureXml#explain(Throwable)}.
 */
package org.caducee.security.xml;
