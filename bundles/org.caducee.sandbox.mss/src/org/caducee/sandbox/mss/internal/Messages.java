package org.caducee.sandbox.mss.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the sandbox MSSanté operator, from {@code messages.properties} (French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.sandbox.mss.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    /** The text for {@code key}, formatted with {@link MessageFormat} (write apostrophes as ’). */
    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
