package org.caducee.cli.internal;

import org.caducee.core.text.LocalizedTexts;

/** Messages of the command line, French by default ({@code messages.properties}). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.cli.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
