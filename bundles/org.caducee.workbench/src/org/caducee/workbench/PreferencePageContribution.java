package org.caducee.workbench;

import org.eclipse.jface.preference.IPreferencePage;

/**
 * Whiteboard: register an OSGi service of this type to add a page to the "Préférences" dialog (Outils menu).
 * Pages are created each time the dialog opens, on the UI thread.
 */
public interface PreferencePageContribution {

    /** Unique id, e.g. {@code org.caducee.dmp.preferences}. */
    String id();

    /** Label in the tree of pages, in the user's language. */
    String label();

    /** Id of the parent page, or null for a top-level page. */
    default String parentId() {
        return null;
    }

    IPreferencePage createPage();
}
