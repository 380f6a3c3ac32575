package org.caducee.cda;

/** An organization of the header (author's organization, custodian): its id (FINESS, SIRET…) and name. */
public record CdaOrganization(InstanceId id, String name) {
}
