package org.caducee.security.zip;

/** One entry read into memory by {@link SafeZip#read}; {@code name} is checked (relative, no "..", forward slashes). */
public record ZipEntryData(String name, byte[] content) {

    public boolean directory() {
        return name.endsWith("/");
    }
}
