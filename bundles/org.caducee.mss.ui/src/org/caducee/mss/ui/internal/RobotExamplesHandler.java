package org.caducee.mss.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.caducee.sandbox.mss.SandboxMssOperator;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Sandbox only ("Outils" menu): the correspondent robot of the local MSSanté operator sends the official ANS XDM
 * examples to the demo doctor, so that the reception loop can be tried from the workbench; then "Messagerie" polls.
 * The examples folder is {@code caducee.mss.examples.dir}, else {@code xdm-examples} beside the ANS kit given by
 * {@code caducee.cda.kit}. Disabled outside the sandbox (no operator service; the import is optional).
 */
public class RobotExamplesHandler {

    static Optional<Path> examples() {
        String dir = System.getProperty("caducee.mss.examples.dir");
        if (dir == null && System.getProperty("caducee.cda.kit") != null) {
            dir = Path.of(System.getProperty("caducee.cda.kit")).resolveSibling("xdm-examples").toString();
        }
        return Optional.ofNullable(dir).map(Path::of).filter(Files::isDirectory);
    }

    @CanExecute
    public boolean canExecute(@org.eclipse.e4.core.di.annotations.Optional @Service SandboxMssOperator operator) {
        return operator != null && operator.imapPort() != 0 && examples().isPresent();
    }

    @Execute
    public void execute(@org.eclipse.e4.core.di.annotations.Optional @Service SandboxMssOperator operator, UISynchronize ui,
            EPartService parts) {
        Path dir = examples().orElse(null);
        if (operator == null || dir == null) {
            return;
        }
        parts.showPart("org.caducee.mss.ui.part.messagerie", EPartService.PartState.ACTIVATE);
        Ui.background(ui, Messages.get("robot.job"), false, () -> operator.sendExamples(dir).size(), n -> {
        });
    }
}
