/** CI-SIS volets written by the documents engine itself (N3 templates). */
package org.caducee.cda.volets;
