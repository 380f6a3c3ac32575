package org.caducee.ins.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-visible texts of the INS bundle, from {@code messages.properties} (French by default). */
public final class Messages {

    private static final String BUNDLE = "org.caducee.ins.internal.messages";

    private Messages() {
    }

    /** The text for {@code key}, formatted with {@link MessageFormat} (write apostrophes as ’). */
    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader()).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.FRENCH).format(args);
    }
}
