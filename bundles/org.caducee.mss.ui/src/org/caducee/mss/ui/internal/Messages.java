package org.caducee.mss.ui.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the MSSanté user interface, from {@code messages.properties} (French by default). */
final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.mss.ui.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
