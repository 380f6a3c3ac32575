/** Official validation of CDA R2 documents: XSD {@code CDA_extended.xsd} and the ANS schematrons of the kit. */
package org.caducee.cda.validation;
