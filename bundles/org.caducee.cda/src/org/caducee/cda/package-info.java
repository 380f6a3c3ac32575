/** Reading CDA R2 documents (header) for Caducée. */
package org.caducee.cda;
