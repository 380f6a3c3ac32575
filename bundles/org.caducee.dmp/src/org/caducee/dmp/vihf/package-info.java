/**
 * The VIHF: the SAML 2.0 assertion, signed by the structure (or the card), that identifies the professional, the
 * patient and the access mode in every DMP call.
 */
package org.caducee.dmp.vihf;
