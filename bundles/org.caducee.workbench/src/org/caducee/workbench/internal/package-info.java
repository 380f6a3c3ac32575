package org.caducee.workbench.internal;
