package org.caducee.sandbox.psc.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the PSC simulator, from {@code messages.properties} (French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.sandbox.psc.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
