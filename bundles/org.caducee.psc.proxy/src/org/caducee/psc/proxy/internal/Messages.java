package org.caducee.psc.proxy.internal;

import org.caducee.core.text.LocalizedTexts;

/** User-visible texts of the Proxy e-santé, from {@code messages.properties} (French by default). */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.psc.proxy.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }
}
