/** XDS metadata, IHE_XDM archives, CI-SIS versioning and document import. */
package org.caducee.xds;
