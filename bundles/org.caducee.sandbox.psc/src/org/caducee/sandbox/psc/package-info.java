/** A local Pro Santé Connect provider for the sandbox and the tests. */
package org.caducee.sandbox.psc;
