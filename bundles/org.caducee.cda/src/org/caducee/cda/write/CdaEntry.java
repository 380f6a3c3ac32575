package org.caducee.cda.write;

import java.util.List;

import org.caducee.cda.CodedValue;
import org.caducee.cda.InstanceId;

/**
 * The coded entries our volets write (a deliberately small subset of the CDA clinical statements).
 * {@code textReference} names a narrative cell ({@code #id}); dates are HL7 TS strings ({@code yyyyMMdd}...).
 */
public sealed interface CdaEntry {

    List<InstanceId> templateIds();

    /** {@code substanceAdministration} (e.g. a vaccination). The author defaults to the document author. */
    record SubstanceAdministration(List<InstanceId> templateIds, InstanceId id, CodedValue code, String textReference,
            String statusCode, String effectiveTime, CodedValue route, CodedValue approachSite, Product product,
            boolean documentAuthor, List<Relationship> relationships) implements CdaEntry {
        public SubstanceAdministration {
            templateIds = List.copyOf(templateIds);
            relationships = List.copyOf(relationships);
        }
    }

    /** {@code observation} with an optional value. */
    record Observation(List<InstanceId> templateIds, InstanceId id, CodedValue code, String textReference, String statusCode,
            String effectiveTime, Value value) implements CdaEntry {
        public Observation {
            templateIds = List.copyOf(templateIds);
        }
    }

    /** {@code act} (e.g. a comment) with its text. */
    record Act(List<InstanceId> templateIds, CodedValue code, String textReference, String text, String statusCode)
            implements CdaEntry {
        public Act {
            templateIds = List.copyOf(templateIds);
        }
    }

    /** {@code entryRelationship}. */
    record Relationship(String typeCode, CdaEntry target) {
    }

    /** A consumable product (manufacturedProduct/manufacturedMaterial). */
    record Product(List<InstanceId> templateIds, CodedValue code, List<CodedValue> translations, String textReference,
            String name, String lotNumber) {
        public Product {
            templateIds = List.copyOf(templateIds);
            translations = List.copyOf(translations);
        }
    }

    /** An observation value. */
    sealed interface Value {
        record Integer(int value) implements Value {
        }

        record Quantity(String value, String unit) implements Value {
        }

        record Coded(CodedValue code) implements Value {
        }

        record Text(String text) implements Value {
        }
    }
}
