package org.caducee.sandbox.insi.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the INSi simulator, from {@code messages.properties} (French). */
final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.sandbox.insi.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
