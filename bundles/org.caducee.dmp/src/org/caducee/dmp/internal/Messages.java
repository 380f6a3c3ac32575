package org.caducee.dmp.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the DMP bundle, from {@code messages.properties} (French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.dmp.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    /** The text for {@code key}, formatted with {@link java.text.MessageFormat} (write apostrophes as ’). */
    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
