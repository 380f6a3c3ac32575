/**
 * The DMP wire format (SOAP 1.2 envelopes with WS-Addressing and the VIHF in {@code wsse:Security}; TD0.2 HL7v3
 * {@code PRPA_IN201307UV02}/{@code PRPA_IN201308UV02}; TD0.3 {@code setAuthorization}), written and read in one place
 * for the client and for the local simulator.
 */
package org.caducee.dmp.wire;
