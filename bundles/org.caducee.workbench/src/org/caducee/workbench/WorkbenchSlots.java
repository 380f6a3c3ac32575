package org.caducee.workbench;

/**
 * The named slots of the Caducée application model, stable API for model fragments (see docs/integrators.md).
 * A {@code .ui} bundle contributes with a {@code fragment.e4xmi} whose {@code parentElementId} is one of these ids.
 */
public final class WorkbenchSlots {

    /** The application; add commands, handlers, addons here (featureName {@code commands}, {@code handlers}, {@code addons}). */
    public static final String APPLICATION = "org.caducee.workbench.application";
    /** The main window. */
    public static final String WINDOW = "org.caducee.workbench.window";
    /** Top trim bar: sandbox banner and patient banner; add ToolControls (featureName {@code children}). */
    public static final String PATIENT_BANNER = "org.caducee.workbench.trim.banner";
    /** Part stack of the patient record: each Part added here is a tab of the record. */
    public static final String PATIENT_RECORD_TABS = "org.caducee.workbench.stack.record";
    /** Part stack under the record: inbox, worklists, outgoing items. */
    public static final String INBOX = "org.caducee.workbench.stack.inbox";
    /** Part stack of the left column (patient search). */
    public static final String NAVIGATION = "org.caducee.workbench.stack.navigation";
    /** The "Outils" menu; add menu items (featureName {@code children}). */
    public static final String TOOLS_MENU = "org.caducee.workbench.menu.tools";
    /** The "Patient" menu. */
    public static final String PATIENT_MENU = "org.caducee.workbench.menu.patient";
    /** Bottom trim bar (status bar); add ToolControls. */
    public static final String STATUS_BAR = "org.caducee.workbench.trim.status";
    /** The patient record part itself (identity banner + documents). */
    public static final String RECORD_PART = "org.caducee.workbench.part.record";
    /**
     * Context menu of the documents table of the record (right click on a document row); add items with a
     * {@code MenuContribution} whose {@code parentId} is this id. The selected {@code HealthDocument} is in the context.
     */
    public static final String DOCUMENTS_MENU = "org.caducee.workbench.popup.documents";
    /** The patient search part. */
    public static final String SEARCH_PART = "org.caducee.workbench.part.search";
    /** The outgoing items (outbox) part. */
    public static final String OUTBOX_PART = "org.caducee.workbench.part.outbox";

    /**
     * Id of the document viewer part (contributed by {@code org.caducee.cda.ui}). The record part publishes the selected
     * {@code HealthDocument} in the application context and, on double-click or Enter, activates this part when present.
     */
    public static final String DOCUMENT_VIEWER_PART = "org.caducee.cda.ui.part.viewer";

    private WorkbenchSlots() {
    }
}
