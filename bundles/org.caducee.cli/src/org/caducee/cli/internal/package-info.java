package org.caducee.cli.internal;
