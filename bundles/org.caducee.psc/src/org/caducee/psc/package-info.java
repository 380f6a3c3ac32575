/** Pro Santé Connect: login (code flow with PKCE, CIBA), the shared PSC session, token exchange, account linking. */
package org.caducee.psc;
