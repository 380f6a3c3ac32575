package org.caducee.workbench.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-visible texts of the workbench ({@code messages.properties}, French by default). */
public final class Messages {

    private static final String BUNDLE = "org.caducee.workbench.internal.messages";

    private Messages() {
    }

    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader()).getString(key);
        } catch (MissingResourceException e) {
            return '!' + key + '!';
        }
        return new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
