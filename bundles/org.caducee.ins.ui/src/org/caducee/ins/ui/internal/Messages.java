package org.caducee.ins.ui.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the INS user interface, from {@code messages.properties} (French). */
final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.ins.ui.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
