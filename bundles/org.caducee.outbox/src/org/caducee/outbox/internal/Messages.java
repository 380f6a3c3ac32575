package org.caducee.outbox.internal;

import org.caducee.core.text.LocalizedTexts;

import org.caducee.outbox.OutboxState;

/** User-visible messages of the outbox ({@code messages.properties}, French by default). Stateless. */
public final class Messages {

    private static final LocalizedTexts TEXTS = new LocalizedTexts("org.caducee.outbox.internal.messages", Messages.class.getClassLoader());

    private Messages() {
    }

    public static String get(String key, Object... args) {
        return TEXTS.get(key, args);
    }

    /** French label of a state, e.g. "en attente". */
    public static String state(OutboxState state) {
        return get("state." + state.name());
    }
}
