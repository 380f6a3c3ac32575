package org.caducee.ins.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the INS bundle, from {@code messages.properties} (French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.ins.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    /** The text for {@code key}, formatted with {@link MessageFormat} (write apostrophes as ’). */
    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }

    /** The text for {@code key}, or null when the key is missing. */
    public static String find(String key, Object... args) {
        String text = TEXTS.get(key, args);
        return key.equals(text) ? null : text;
    }
}
