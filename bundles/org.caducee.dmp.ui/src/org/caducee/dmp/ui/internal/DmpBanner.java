package org.caducee.dmp.ui.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.caducee.core.care.Consent;
import org.caducee.core.patient.Patient;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.Dica;
import org.caducee.dmp.DicaFix;
import org.caducee.dmp.DicaItem;
import org.caducee.dmp.DmpService;
import org.caducee.dmp.DmpAnnouncement;
import org.caducee.dmp.DmpException;
import org.caducee.core.installation.DisplayZone;
import org.caducee.core.installation.Installation;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpSummary;
import org.eclipse.e4.ui.model.application.MApplication;
import org.caducee.security.UserAccount;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;

/**
 * The DMP icon of the patient banner (DSR SC.DMP/UX.14): green when the DMP can be consulted, grey otherwise, without
 * a click; the DICA checklist in its tooltip and, on click, with a fix for each failing condition. The DICA is
 * computed in a background job whenever the active patient changes.
 */
public class DmpBanner {

    static final RGB GREEN = new RGB(46, 125, 50);
    static final RGB GREY = new RGB(117, 117, 117);
    /** Key of the test id on widgets (as in the workbench). */
    static final String TEST_ID = "org.caducee.test.id";

    private final UISynchronize ui;
    private final MApplication application;
    private DmpService dmp;
    private Patient patient;
    private UserAccount user;
    private Label label;
    private Label counter;
    private Dica dica;
    private UUID breakGlassPatient;
    private long generation;
    private ZoneId zone = DisplayZone.DEFAULT;

    @Inject
    public DmpBanner(UISynchronize ui, MApplication application) {
        this.ui = ui;
        this.application = application;
    }

    @Inject
    void setService(@org.eclipse.e4.core.di.annotations.Optional @Service DmpService service) {
        this.dmp = service;
        refresh();
    }

    @Inject
    void setInstallation(@org.eclipse.e4.core.di.annotations.Optional @Service Installation installation) {
        this.zone = DisplayZone.of(installation);
    }

    @Inject
    void setPatient(@org.eclipse.e4.core.di.annotations.Optional Patient active) {
        this.patient = active;
        refresh();
    }

    @Inject
    void setUser(@org.eclipse.e4.core.di.annotations.Optional UserAccount account) {
        this.user = account;
    }

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 0).margins(4, 3).applyTo(box);
        label = new Label(box, SWT.CENTER);
        label.setData(TEST_ID, "banner-dmp");
        label.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        label.addListener(SWT.MouseUp, e -> openChecklist());
        counter = new Label(box, SWT.NONE);
        counter.setData(TEST_ID, "banner-dmp-counter");
        refresh();
    }

    private void refresh() {
        if (label == null || label.isDisposed()) {
            return;
        }
        long mine = ++generation;
        dica = null;
        counter.setText("");
        counter.setToolTipText(null);
        application.getContext().set(DmpSummary.class, null);
        Patient current = patient;
        DmpService service = dmp;
        if (current == null) {
            label.setVisible(false);
            return;
        }
        label.setVisible(true);
        if (service == null) {
            show(Messages.get("banner.unavailable"), GREY, "");
            return;
        }
        show(Messages.get("banner.checking"), GREY, "");
        AccessMode mode = current.id().equals(breakGlassPatient) ? AccessMode.BRIS_DE_GLACE : AccessMode.NORMAL;
        Job job = Job.create(Messages.get("job.dica"), monitor -> {
            Dica computed = service.dica(current.id(), mode);
            ui.asyncExec(() -> {
                if (mine == generation) {
                    shown(computed);
                }
            });
            if (computed.consultable()) {
                // the documents since the last visit, counted without a click
                try {
                    DmpSummary summary = service.open(current.id(), mode);
                    ui.asyncExec(() -> {
                        if (mine == generation) {
                            counted(summary);
                        }
                    });
                } catch (DmpException | RuntimeException e) {
                    ui.asyncExec(() -> {
                        if (mine == generation && !counter.isDisposed()) {
                            counter.setText(Messages.get("counter.failed"));
                            counter.setToolTipText(e.getMessage());
                            counter.requestLayout();
                        }
                    });
                }
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void shown(Dica computed) {
        if (label.isDisposed()) {
            return;
        }
        dica = computed;
        String failing = computed.failing().stream().map(DicaItem::label).collect(Collectors.joining(", "));
        show(Messages.get(computed.consultable() ? "banner.ok" : "banner.ko"), computed.consultable() ? GREEN : GREY,
                computed.consultable() ? Messages.get("banner.tooltip.ok") : Messages.get("banner.tooltip.ko", failing));
    }

    private void counted(DmpSummary summary) {
        if (counter.isDisposed()) {
            return;
        }
        StringBuilder text = new StringBuilder(Messages.get("counter.new", summary.newDocuments()));
        if (summary.newInvisibleToPatient() > 0) {
            text.append(Messages.get("counter.invisible", summary.newInvisibleToPatient()));
        }
        List<DmpDocument> invisible = summary.documents().stream().filter(DmpDocument::invisibleToPatient).toList();
        LocalDate today = LocalDate.now(zone);
        long soon = invisible.stream().filter(d -> DmpDocumentsPart.visibleSoon(d, summary.patientVisibleOn(), today)).count();
        if (soon > 0) {
            text.append(Messages.get("counter.soon", soon));
        }
        if (!summary.announcements().isEmpty()) {
            text.append(Messages.get("counter.announcements", summary.announcements().size()));
        }
        counter.setText(text.toString());
        counter.setFont(summary.newDocuments() > 0 || !summary.announcements().isEmpty() || soon > 0
                ? org.eclipse.jface.resource.JFaceResources.getBannerFont() : null);
        counter.setForeground(soon > 0 ? counter.getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null);
        StringBuilder tip = new StringBuilder(Messages.get("counter.tooltip", summary.documents().size(),
                summary.previousVisit().map(at -> DmpDocumentsPart.date(at, zone)).orElse(Messages.get("counter.firstVisit"))));
        for (DmpAnnouncement a : summary.announcements()) {
            tip.append('\n').append(DmpDocumentsPart.announcement(a));
        }
        for (DmpDocument d : invisible) {
            String day = DmpDocumentsPart.visibleOnLabel(d, summary.patientVisibleOn(), today);
            tip.append('\n').append(Messages.get("counter.invisibleDocument", d.entry().title() == null ? d.uniqueId() : d.entry().title(),
                    day.isEmpty() ? Messages.get("counter.visibleOnUnknown") : day))
                    .append(DmpDocumentsPart.visibleSoon(d, summary.patientVisibleOn(), today) ? Messages.get("counter.soonDocument") : "");
        }
        counter.setToolTipText(tip.toString());
        counter.requestLayout();
        application.getContext().set(DmpSummary.class, summary);
    }

    private void show(String text, RGB background, String tooltip) {
        label.setText(" " + text + " ");
        label.setBackground(new Color(background));
        label.setToolTipText(tooltip);
        label.requestLayout();
    }

    private void openChecklist() {
        Dica current = dica;
        Patient active = patient;
        if (current == null || active == null) {
            return;
        }
        Shell shell = new Shell(label.getShell(), SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL);
        shell.setText(Messages.get("popup.title"));
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(8, 6).applyTo(shell);
        for (DicaItem item : current.items()) {
            Label mark = new Label(shell, SWT.NONE);
            mark.setText(item.satisfied() ? "✓" : "✗");
            mark.setForeground(new Color(item.satisfied() ? GREEN : new RGB(183, 28, 28)));
            Composite text = new Composite(shell, SWT.NONE);
            GridLayoutFactory.fillDefaults().applyTo(text);
            Label title = new Label(text, SWT.NONE);
            title.setText(item.label());
            title.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
            Label detail = new Label(text, SWT.WRAP);
            detail.setText(item.detail());
            GridDataFactory.fillDefaults().hint(420, SWT.DEFAULT).applyTo(detail);
            item.fix().ifPresent(fix -> fixLink(text, shell, fix, active));
        }
        if (!current.consultable() && !active.id().equals(breakGlassPatient)) {
            new Label(shell, SWT.NONE);
            Link breakGlass = new Link(shell, SWT.NONE);
            breakGlass.setText(Messages.get("popup.breakGlass"));
            breakGlass.addListener(SWT.Selection, e -> {
                breakGlassPatient = active.id();
                shell.close();
                refresh();
            });
        }
        Button close = new Button(shell, SWT.PUSH);
        close.setText(Messages.get("popup.close"));
        GridDataFactory.swtDefaults().span(2, 1).align(SWT.END, SWT.CENTER).applyTo(close);
        close.addListener(SWT.Selection, e -> shell.close());
        shell.setDefaultButton(close);
        shell.pack();
        shell.setLocation(checklistLocation(shell.getSize()));
        // the hover tooltip of the icon would stay on top of the checklist: none while the checklist is open
        String tooltip = label.getToolTipText();
        label.setToolTipText(null);
        shell.addListener(SWT.Dispose, e -> {
            if (!label.isDisposed() && label.getToolTipText() == null) {
                label.setToolTipText(tooltip);
            }
        });
        shell.open();
    }

    /**
     * Below the icon, a few pixels down so that nothing of the banner is covered, kept inside the monitor's work area
     * (moved left at the right edge, above the icon when there is no room below).
     */
    private Point checklistLocation(Point size) {
        Point below = label.toDisplay(0, label.getSize().y + 4);
        org.eclipse.swt.graphics.Rectangle area = label.getMonitor().getClientArea();
        int x = Math.max(area.x, Math.min(below.x, area.x + area.width - size.x));
        int y = below.y;
        if (y + size.y > area.y + area.height) {
            y = Math.max(area.y, label.toDisplay(0, 0).y - 4 - size.y);
        }
        return new Point(x, y);
    }

    private void fixLink(Composite parent, Shell shell, DicaFix fix, Patient active) {
        Link link = new Link(parent, SWT.NONE);
        link.setText(Messages.get("popup.fix." + fix.name()));
        if (fix == DicaFix.RECORD_CONSENT) {
            link.addListener(SWT.Selection, e -> {
                shell.close();
                editConsent(active);
            });
        }
    }

    private void editConsent(Patient active) {
        DmpService service = dmp;
        if (service == null) {
            return;
        }
        Job load = Job.create(Messages.get("job.consent"), monitor -> {
            Optional<Consent> consent = service.consent(active.id());
            ui.asyncExec(() -> askConsent(service, active, consent));
            return Status.OK_STATUS;
        });
        load.setSystem(true);
        load.schedule();
    }

    private void askConsent(DmpService service, Patient active, Optional<Consent> consent) {
        if (label.isDisposed()) {
            return;
        }
        ConsentDialog dialog = new ConsentDialog(label.getShell(), active.displayName(), consent);
        if (dialog.open() != Window.OK) {
            return;
        }
        String by = user == null ? "?" : user.login();
        Job save = Job.create(Messages.get("job.consent"), monitor -> {
            try {
                service.recordConsent(active.id(), dialog.informed(), !dialog.feedingAllowed(), dialog.consultationAllowed(), by);
            } catch (RuntimeException e) {
                return Status.error(Messages.get("consent.failed", e.getMessage()), e);
            }
            ui.asyncExec(this::refresh);
            return Status.OK_STATUS;
        });
        save.setUser(true);
        save.schedule();
    }
}
