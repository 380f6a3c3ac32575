/** The Proxy e-santé: PSC login on behalf of workstations, token exchange and forwarding, sessions, traces. */
package org.caducee.psc.proxy;
