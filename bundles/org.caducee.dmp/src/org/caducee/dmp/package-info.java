/**
 * DMP (Mon espace santé) rules that hold whatever the transport: the access modes of the VIHF, the transactions,
 * the consent gate that every transaction passes through, the DICA checklist, the individual authorisation and
 * the professional's information notice schedules.
 */
package org.caducee.dmp;
