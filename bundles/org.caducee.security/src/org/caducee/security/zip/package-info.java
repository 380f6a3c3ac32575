/**
 * Bounded reading of untrusted ZIP archives: {@link org.caducee.security.zip.SafeZip} with
 * {@link org.caducee.security.zip.ZipLimits}; refusals are {@link org.caducee.security.zip.ZipRejectedException}s with
 * a French message naming the problem and the entry.
 */
package org.caducee.security.zip;
