/** Sandbox registration of the PSC simulator (not exported). */
package org.caducee.sandbox.psc.internal;
