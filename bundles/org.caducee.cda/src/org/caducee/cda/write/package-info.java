/**
 * Writing CDA R2 documents (CI-SIS header, N1 and N3 bodies) and their PDF/A-1b copy from one document model
 * ({@link org.caducee.cda.write.CdaDocument}). N3 bodies come from {@link org.caducee.cda.write.CdaBodyTemplate}s.
 */
package org.caducee.cda.write;
