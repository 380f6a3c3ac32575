package org.caducee.sandbox.internal;
