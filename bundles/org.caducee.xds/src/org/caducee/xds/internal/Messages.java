package org.caducee.xds.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible messages of the XDS bundle ({@code messages.properties}, French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.xds.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
