/** Pro Santé Connect in the workbench: login method, CIBA waiting dialog, status bar (not exported). */
package org.caducee.psc.ui.internal;
