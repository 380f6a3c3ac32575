package org.caducee.cda.validation;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Official validation of a CDA R2 document (OSGi service): hardened parse (no DOCTYPE, no external entity), XSD
 * {@code CDA_extended.xsd} of the ANS kit, then the kit's schematrons that apply to the document: the generic ones
 * ({@code profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch}, {@code profils/IHE.sch},
 * {@code profils/CI-SIS_ModelesDeContenusCDA.sch}, {@code profils/CI-SIS_Modeles_ANS.sch}) and, for a structured
 * (N3) document, the schematron of its volet ({@code CI-SIS_<volet>_<version>.sch}) chosen from its templateId.
 * <p>
 * The kit directory is the installation setting {@value #KIT_SETTING}, else the system property
 * {@value #KIT_PROPERTY}, else {@code <dataDir>/kits/testcontenucda}. Schematrons are compiled on first use and
 * kept in memory. Thread-safe.
 */
public interface CdaValidator {

    /** Installation setting naming the kit directory (TestContenuCDA 3.0 layout). */
    String KIT_SETTING = "cda.kit.dir";

    /** System property naming the kit directory when the setting is absent. */
    String KIT_PROPERTY = "caducee.cda.kit";

    /**
     * Validates a document. A refused or malformed document gives a report with one {@code XML} error (never an
     * exception).
     *
     * @throws CdaKitException when the kit is missing or unusable
     */
    ValidationReport validate(byte[] cda);

    /** As {@link #validate(byte[])} for a file. */
    ValidationReport validate(Path file) throws IOException;

    /** The schematron files (relative to {@code schematrons/}) that {@link #validate} runs for this document. */
    java.util.List<String> schematronsFor(byte[] cda);

    /** The kit directory that is used now. */
    Path kitDirectory();
}
