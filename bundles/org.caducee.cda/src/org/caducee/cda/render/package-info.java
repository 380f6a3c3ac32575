/** Screen rendering of received or written CDA documents: their PDF copy first, else structured HTML. */
package org.caducee.cda.render;
