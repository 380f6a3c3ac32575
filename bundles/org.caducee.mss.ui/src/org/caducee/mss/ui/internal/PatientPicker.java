package org.caducee.mss.ui.internal;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientQuery;
import org.caducee.core.patient.PatientRepository;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * "Patient :" search as you type (name, first name, birth date or INS; the search runs in a job) and the list of the
 * patients found, the first one chosen. Tells its listener the chosen patient (or null).
 */
final class PatientPicker {

    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final UISynchronize ui;
    private final Text search;
    private final Combo found;
    private final Consumer<Patient> listener;
    private PatientRepository patients;
    private List<Patient> candidates = List.of();

    PatientPicker(Composite parent, UISynchronize ui, String testId, Consumer<Patient> listener) {
        this.ui = ui;
        this.listener = listener;
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(box);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(box);
        new Label(box, SWT.NONE).setText(Messages.get("picker.label"));
        search = new Text(box, SWT.BORDER | SWT.SEARCH);
        search.setMessage(Messages.get("picker.hint"));
        search.setData(Ui.TEST_ID, testId + "-search");
        GridDataFactory.fillDefaults().hint(230, SWT.DEFAULT).applyTo(search);
        found = new Combo(box, SWT.READ_ONLY | SWT.DROP_DOWN);
        found.setData(Ui.TEST_ID, testId);
        GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(found);
        search.addListener(SWT.Modify, e -> lookUp(search.getText()));
        found.addListener(SWT.Selection, e -> listener.accept(chosen()));
    }

    void setPatients(PatientRepository patients) {
        this.patients = patients;
    }

    Patient chosen() {
        int i = found.getSelectionIndex();
        return i < 0 || i >= candidates.size() ? null : candidates.get(i);
    }

    private void lookUp(String text) {
        PatientRepository repo = patients;
        if (repo == null || text.isBlank()) {
            show(List.of());
            return;
        }
        Job job = Job.create(Messages.get("picker.job"), monitor -> {
            List<Patient> result;
            try {
                result = repo.search(PatientQuery.parse(text, 30));
            } catch (RuntimeException e) {
                result = List.of();
            }
            List<Patient> shown = result;
            ui.asyncExec(() -> {
                if (!search.isDisposed() && text.equals(search.getText())) {
                    show(shown);
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show(List<Patient> list) {
        candidates = List.copyOf(list);
        found.setItems(list.stream().map(p -> p.displayName() + " – " + BIRTH.format(p.identity().traits().birthDate())).toArray(String[]::new));
        if (!list.isEmpty()) {
            found.select(0);
        }
        listener.accept(chosen());
    }
}
