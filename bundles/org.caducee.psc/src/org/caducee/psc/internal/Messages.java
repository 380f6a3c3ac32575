package org.caducee.psc.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the PSC bundle, from {@code messages.properties} (French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.psc.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
