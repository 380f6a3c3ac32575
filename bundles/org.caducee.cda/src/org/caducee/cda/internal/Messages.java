package org.caducee.cda.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-visible messages of the CDA bundle ({@code messages.properties}, French by default). Stateless. */
public final class Messages {

    private static final String BUNDLE = "org.caducee.cda.internal.messages";

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
}
