package org.caducee.dmp;

/** A submission set as FindSubmissionSets lists it. */
public record DmpSubmissionSet(String entryUuid, String uniqueId, String sourceId, String submissionTime, String status) {
}
