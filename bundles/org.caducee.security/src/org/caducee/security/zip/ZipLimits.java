package org.caducee.security.zip;

/**
 * Bounds applied by {@link SafeZip}. Sizes are counted on the bytes really inflated, never taken from the headers.
 *
 * @param maxEntries maximum number of entries (directories included)
 * @param maxEntrySize maximum uncompressed size of one entry, in bytes
 * @param maxTotalSize maximum uncompressed size of all entries together, in bytes
 * @param maxCompressionRatio maximum ratio uncompressed / compressed of an entry, checked once the entry has produced
 *        more than {@code ratioThreshold} bytes (tiny files compress very well legitimately)
 * @param ratioThreshold see above, in bytes
 */
public record ZipLimits(int maxEntries, long maxEntrySize, long maxTotalSize, int maxCompressionRatio, long ratioThreshold) {

    public ZipLimits {
        if (maxEntries < 1 || maxEntrySize < 1 || maxTotalSize < 1 || maxCompressionRatio < 1 || ratioThreshold < 0) {
            throw new IllegalArgumentException("ZipLimits: bornes invalides");
        }
    }

    /** Defaults for an IHE_XDM.zip or a similar exchange archive: 1 000 entries, 50 MB each, 200 MB in all, ratio 100. */
    public static ZipLimits defaults() {
        return new ZipLimits(1_000, 50L << 20, 200L << 20, 100, 1L << 20);
    }

    public ZipLimits withMaxEntries(int value) {
        return new ZipLimits(value, maxEntrySize, maxTotalSize, maxCompressionRatio, ratioThreshold);
    }

    public ZipLimits withMaxEntrySize(long value) {
        return new ZipLimits(maxEntries, value, maxTotalSize, maxCompressionRatio, ratioThreshold);
    }

    public ZipLimits withMaxTotalSize(long value) {
        return new ZipLimits(maxEntries, maxEntrySize, value, maxCompressionRatio, ratioThreshold);
    }

    public ZipLimits withMaxCompressionRatio(int value) {
        return new ZipLimits(maxEntries, maxEntrySize, maxTotalSize, value, ratioThreshold);
    }
}
