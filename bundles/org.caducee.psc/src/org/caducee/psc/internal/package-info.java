/** Implementation of Pro Santé Connect (not exported). */
package org.caducee.psc.internal;
