package org.caducee.sandbox.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible and log messages of the sandbox, French by default ({@code messages.properties}). */
final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.sandbox.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
