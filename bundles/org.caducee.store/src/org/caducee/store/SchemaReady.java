package org.caducee.store;

/** Marker service registered by the store once a module's migrations are applied; property {@code module}. */
public interface SchemaReady {

    String PROPERTY_MODULE = "module";

    String module();

    /** Highest applied version. */
    int version();
}
