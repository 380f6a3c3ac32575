package org.caducee.outbox.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.caducee.outbox.OutboxState;

/** User-visible messages of the outbox ({@code messages.properties}, French by default). Stateless. */
public final class Messages {

    private static final String BUNDLE = "org.caducee.outbox.internal.messages";

    private Messages() {
    }

    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader()).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return new MessageFormat(pattern, Locale.FRENCH).format(args);
    }

    /** French label of a state, e.g. "en attente". */
    public static String state(OutboxState state) {
        return get("state." + state.name());
    }
}
