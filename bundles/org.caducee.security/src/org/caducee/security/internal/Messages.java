package org.caducee.security.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible messages of the security bundle ({@code messages.properties}, French by default). Stateless. */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.security.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
