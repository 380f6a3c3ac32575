package org.caducee.core.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-visible texts of one bundle: a {@code messages.properties} resource bundle (French, the default) with
 * optional translations ({@code messages_en.properties}…), looked up in the user's locale. A text with arguments is
 * formatted with {@link MessageFormat}; write apostrophes as ’ so that the same text works with and without
 * arguments. Immutable; the resource bundles are cached by the JDK.
 */
public final class LocalizedTexts {

    private final String baseName;
    private final ClassLoader loader;

    /**
     * @param baseName resource bundle name, e.g. {@code org.caducee.store.internal.messages}
     * @param loader the class loader of the bundle that owns the texts
     */
    public LocalizedTexts(String baseName, ClassLoader loader) {
        this.baseName = baseName;
        this.loader = loader;
    }

    /** The text for {@code key} in the default locale; the key itself when it is missing, so nothing is hidden. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(baseName, Locale.getDefault(), loader).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
