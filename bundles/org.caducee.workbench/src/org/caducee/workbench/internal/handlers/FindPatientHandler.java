package org.caducee.workbench.internal.handlers;

import org.caducee.workbench.WorkbenchSlots;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Brings the patient search to front and puts the cursor in the search field. */
public class FindPatientHandler {

    @Execute
    void execute(EPartService parts) {
        parts.showPart(WorkbenchSlots.SEARCH_PART, PartState.ACTIVATE);
    }
}
