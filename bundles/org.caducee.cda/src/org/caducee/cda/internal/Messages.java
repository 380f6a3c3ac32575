package org.caducee.cda.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible messages of the CDA bundle ({@code messages.properties}, French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.cda.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
