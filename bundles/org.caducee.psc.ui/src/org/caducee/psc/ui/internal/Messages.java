package org.caducee.psc.ui.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the PSC UI bundle, from {@code messages.properties} (French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.psc.ui.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
