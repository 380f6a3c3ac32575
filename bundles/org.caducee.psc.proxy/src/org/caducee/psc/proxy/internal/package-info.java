/** Running the Proxy e-santé: production server and sandbox simulator, one code path (not exported). */
package org.caducee.psc.proxy.internal;
