/** Sandbox embedding of the Proxy e-santé (not exported). */
package org.caducee.psc.proxy.internal;
