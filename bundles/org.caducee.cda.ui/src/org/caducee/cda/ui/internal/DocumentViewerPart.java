package org.caducee.cda.ui.internal;

import java.awt.image.BufferedImage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.caducee.cda.CdaHeader;
import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.render.CdaRenderer;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.event.CaduceeTopics;
import org.caducee.core.installation.DisplayZone;
import org.caducee.core.installation.Installation;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.StoredVersion;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * Shows the document selected in the patient record: an N1 document as its PDF, an N3 document that embeds its PDF
 * copy as that PDF first with a button to switch to the structured rendering (and back), a plain N3 document as
 * HTML. PDF pages are rendered to images by PDFBox in a background job; the UI thread only shows them.
 * <p>
 * When a document of the patient is added or deleted ({@code org/caducee/document/*}), the state of the shown version
 * is read again in the background: "supprimé" when a deletion request marked it, "remplacé" when a higher version of
 * its set is stored, with a button that shows that latest version here.
 */
public class DocumentViewerPart {

    /** Same key as the workbench's test ids ({@code PatientSearchPart.TEST_ID}). */
    public static final String TEST_ID = "org.caducee.test.id";

    private static final int MAX_PAGES = 40;
    private static final float DPI = 96f;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final UISynchronize ui;
    private final MPart part;

    private DocumentVersions versions;
    private CdaRenderer renderer;
    private CdaHeaderReader headers;
    private DocumentRepository records;
    private HealthDocument document;
    private HealthDocument latest;
    /** Dates are shown in the installation's display zone. */
    private ZoneId zone = DisplayZone.DEFAULT;

    private Composite root;
    private Label meta;
    private Label deleted;
    private Label replaced;
    private Button showLatest;
    private Button toggle;
    private Composite stack;
    private StackLayout stackLayout;
    private Label message;
    private ScrolledComposite pdfScroll;
    private Composite pages;
    private Control structured;
    private final List<Image> images = new ArrayList<>();
    private boolean hasPdf;
    private boolean hasHtml;
    private boolean showingPdf;
    private Job current;
    private Job stateJob;
    /** Counts state readings (UI thread only), so that an earlier reading finishing late is not shown. */
    private int stateGeneration;

    @Inject
    public DocumentViewerPart(UISynchronize ui, MPart part) {
        this.ui = ui;
        this.part = part;
    }

    @Inject
    void setInstallation(@Optional @Service Installation installation) {
        this.zone = DisplayZone.of(installation);
    }

    @Inject
    void setServices(@Optional @Service DocumentVersions versions, @Optional @Service CdaRenderer renderer,
            @Optional @Service CdaHeaderReader headers, @Optional @Service DocumentRepository records) {
        this.versions = versions;
        this.renderer = renderer;
        this.headers = headers;
        this.records = records;
        if (root != null && !root.isDisposed()) {
            load();
        }
    }

    @PostConstruct
    void create(Composite parent) {
        root = parent;
        GridLayoutFactory.fillDefaults().margins(8, 6).numColumns(2).applyTo(parent);
        meta = new Label(parent, SWT.WRAP);
        meta.setData(TEST_ID, "viewer-meta");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(meta);
        toggle = new Button(parent, SWT.PUSH);
        toggle.setData(TEST_ID, "viewer-toggle");
        toggle.setText(Messages.get("viewer.showStructured"));
        toggle.addListener(SWT.Selection, e -> show(!showingPdf));
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(toggle);
        deleted = new Label(parent, SWT.WRAP);
        deleted.setData(TEST_ID, "viewer-deleted");
        deleted.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        deleted.setText(Messages.get("viewer.deleted"));
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).exclude(true).applyTo(deleted);
        deleted.setVisible(false);
        replaced = new Label(parent, SWT.WRAP);
        replaced.setData(TEST_ID, "viewer-replaced");
        replaced.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).exclude(true).applyTo(replaced);
        replaced.setVisible(false);
        showLatest = new Button(parent, SWT.PUSH);
        showLatest.setData(TEST_ID, "viewer-latest");
        showLatest.addListener(SWT.Selection, e -> {
            if (latest != null) {
                document = latest;
                load();
            }
        });
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).exclude(true).applyTo(showLatest);
        showLatest.setVisible(false);

        stack = new Composite(parent, SWT.NONE);
        stackLayout = new StackLayout();
        stack.setLayout(stackLayout);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(stack);
        message = new Label(stack, SWT.WRAP);
        message.setData(TEST_ID, "viewer-message");
        pdfScroll = new ScrolledComposite(stack, SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        pdfScroll.setData(TEST_ID, "viewer-pdf");
        pdfScroll.setExpandHorizontal(true);
        pdfScroll.setExpandVertical(true);
        pdfScroll.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        pages = new Composite(pdfScroll, SWT.NONE);
        pages.setBackground(pdfScroll.getBackground());
        GridLayoutFactory.fillDefaults().margins(10, 10).spacing(0, 10).applyTo(pages);
        pdfScroll.setContent(pages);
        structured = createStructuredView(stack);
        parent.addDisposeListener(e -> disposeImages());
        load();
    }

    /** The SWT Browser when the platform has one (WebKitGTK, Edge, WebKit); otherwise a read-only text of the HTML. */
    private static Control createStructuredView(Composite parent) {
        try {
            Browser browser = new Browser(parent, SWT.NONE);
            browser.setJavascriptEnabled(false);
            browser.setData(TEST_ID, "viewer-html");
            return browser;
        } catch (SWTError e) {
            Text text = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
            text.setData(TEST_ID, "viewer-html");
            return text;
        }
    }

    @Inject
    void setDocument(@Optional HealthDocument selected) {
        this.document = selected;
        if (root != null && !root.isDisposed()) {
            load();
        }
    }

    /** Another version of the patient's documents arrived or one was deleted: the shown version's state is read again. */
    @Inject
    @Optional
    void documentsChanged(@UIEventTopic("org/caducee/document/*") org.osgi.service.event.Event event) {
        HealthDocument doc = document;
        if (doc == null || root == null || root.isDisposed()) {
            return;
        }
        Object patient = event.getProperty(CaduceeTopics.PROP_PATIENT_ID);
        if (patient == null || doc.patientId().toString().equals(patient)) {
            refreshState(doc);
        }
    }

    @PreDestroy
    void dispose() {
        if (current != null) {
            current.cancel();
        }
        if (stateJob != null) {
            stateJob.cancel();
        }
    }

    private void refreshState(HealthDocument doc) {
        DocumentVersions store = versions;
        DocumentRepository repository = records;
        if (stateJob != null) {
            stateJob.cancel();
        }
        int generation = ++stateGeneration;
        Job job = Job.create(Messages.get("viewer.job", label(doc)), monitor -> {
            VersionState state = state(doc, store, repository);
            ui.asyncExec(() -> {
                // a job started earlier may end later: only the latest reading is shown
                if (!root.isDisposed() && doc == document && generation == stateGeneration) {
                    showState(state);
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        stateJob = job;
        job.schedule();
    }

    /** Whether the shown version was deleted, and the higher version of its set if one is stored. */
    private record VersionState(boolean deleted, HealthDocument latest) {
        static final VersionState CURRENT = new VersionState(false, null);
    }

    private static VersionState state(HealthDocument doc, DocumentVersions store, DocumentRepository repository) {
        if (store == null) {
            return new VersionState(doc.deleted(), null);
        }
        try {
            boolean isDeleted = store.find(doc.uniqueId()).map(StoredVersion::deleted).orElse(false)
                    || repository != null && repository.find(doc.id()).map(HealthDocument::deleted).orElse(false) || doc.deleted();
            HealthDocument newer = null;
            if (repository != null) {
                // the record first: it is committed before DOCUMENT_ADDED is posted, the version table of the
                // documents engine a moment later (its transaction is still open when the event leaves)
                newer = repository.forPatient(doc.patientId()).stream()
                        .filter(d -> doc.setId() != null && doc.setId().equals(d.setId()) && d.versionNumber() > doc.versionNumber()
                                && !d.id().equals(doc.id()))
                        .max(java.util.Comparator.comparingInt(HealthDocument::versionNumber)).orElse(null);
            }
            java.util.Optional<StoredVersion> top = store.latest(doc.setId());
            if (newer == null && repository != null && top.isPresent() && top.get().versionNumber() > doc.versionNumber()
                    && !top.get().documentId().equals(doc.id())) {
                newer = repository.find(top.get().documentId()).orElse(null);
            }
            return new VersionState(isDeleted, newer);
        } catch (RuntimeException e) {
            return new VersionState(doc.deleted(), null);
        }
    }

    private void showState(VersionState state) {
        latest = state.latest();
        deleted.setVisible(state.deleted());
        ((org.eclipse.swt.layout.GridData) deleted.getLayoutData()).exclude = !state.deleted();
        boolean newer = latest != null;
        if (newer) {
            String date = DATE.format(latest.storedAt().atZone(zone));
            replaced.setText(Messages.get("viewer.replaced", latest.versionNumber(), date));
            showLatest.setText(Messages.get("viewer.showLatest", latest.versionNumber()));
        }
        replaced.setVisible(newer);
        showLatest.setVisible(newer);
        ((org.eclipse.swt.layout.GridData) replaced.getLayoutData()).exclude = !newer;
        ((org.eclipse.swt.layout.GridData) showLatest.getLayoutData()).exclude = !newer;
        root.layout(true, true);
    }

    private void load() {
        HealthDocument doc = document;
        if (current != null) {
            current.cancel();
        }
        hasPdf = false;
        hasHtml = false;
        toggle.setVisible(false);
        showState(VersionState.CURRENT);
        if (doc == null) {
            part.setLabel(Messages.get("viewer.title"));
            meta.setText("");
            showMessage(Messages.get("viewer.none"));
            return;
        }
        part.setLabel(Messages.get("viewer.titleOf", label(doc)));
        meta.setText(metaLine(doc, null, null, zone));
        showMessage(Messages.get("viewer.loading"));
        DocumentVersions store = versions;
        CdaRenderer render = renderer;
        CdaHeaderReader reader = headers;
        DocumentRepository repository = records;
        ZoneId shownIn = zone;
        Job job = Job.create(Messages.get("viewer.job", label(doc)), monitor -> {
            Loaded loaded = read(doc, store, render, reader, shownIn, monitor).withState(state(doc, store, repository));
            ui.asyncExec(() -> {
                if (root.isDisposed() || doc != document) {
                    loaded.dispose();
                    return;
                }
                shown(doc, loaded);
            });
            return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
        });
        job.setSystem(true);
        current = job;
        job.schedule();
    }

    /** What the background job prepared: page images (SWT-independent data), HTML, texts. */
    private record Loaded(String error, List<ImageData> pageImages, int pageCount, String html, String meta, VersionState state) {
        void dispose() {
        }

        Loaded withState(VersionState s) {
            return new Loaded(error, pageImages, pageCount, html, meta, s);
        }
    }

    private static Loaded read(HealthDocument doc, DocumentVersions store, CdaRenderer render, CdaHeaderReader reader, ZoneId zone,
            IProgressMonitor monitor) {
        if (store == null) {
            return new Loaded(Messages.get("viewer.noContent"), List.of(), 0, null, null, null);
        }
        java.util.Optional<byte[]> content;
        try {
            content = store.content(doc.id());
        } catch (RuntimeException e) {
            return new Loaded(Messages.get("viewer.readError", e.getMessage()), List.of(), 0, null, null, null);
        }
        if (content.isEmpty()) {
            return new Loaded(Messages.get("viewer.noContent"), List.of(), 0, null, null, null);
        }
        byte[] bytes = content.get();
        byte[] pdf = null;
        String html = null;
        CdaHeader header = null;
        try {
            if (isPdf(bytes)) {
                pdf = bytes;
            } else if (render == null) {
                return new Loaded(Messages.get("viewer.noRenderer"), List.of(), 0, null, null, null);
            } else {
                pdf = render.pdf(bytes).orElse(null);
                html = render.html(bytes);
                header = reader == null ? null : reader.read(bytes);
            }
        } catch (RuntimeException e) {
            return new Loaded(Messages.get("viewer.unreadable", e.getMessage()), List.of(), 0, null, null, null);
        }
        List<ImageData> pageImages = new ArrayList<>();
        int pageCount = 0;
        String pdfMeta = null;
        if (pdf != null) {
            try (PDDocument pd = Loader.loadPDF(pdf)) {
                pageCount = pd.getNumberOfPages();
                pdfMeta = pdfLine(pd.getDocumentInformation(), pageCount, zone);
                PDFRenderer pages = new PDFRenderer(pd);
                for (int i = 0; i < Math.min(pageCount, MAX_PAGES) && !monitor.isCanceled(); i++) {
                    pageImages.add(toImageData(pages.renderImageWithDPI(i, DPI, ImageType.RGB)));
                }
            } catch (java.io.IOException | RuntimeException e) {
                if (html == null) {
                    return new Loaded(Messages.get("viewer.pdfUnreadable", e.getMessage()), List.of(), 0, null, null, null);
                }
                pageImages.clear();
                pdfMeta = Messages.get("viewer.pdfUnreadable", e.getMessage());
            }
        }
        String line = metaLine(doc, header, pdfMeta, zone);
        return new Loaded(null, pageImages, pageCount, html, line, null);
    }

    private static boolean isPdf(byte[] bytes) {
        return bytes.length > 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F';
    }

    private static ImageData toImageData(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }

    private static String label(HealthDocument doc) {
        return doc.typeLabel() != null ? doc.typeLabel() : doc.title() != null ? doc.title() : doc.typeCode();
    }

    /** One line: type, act date, author, version of the document, then what its PDF says of itself. */
    static String metaLine(HealthDocument doc, CdaHeader header, String pdfMeta, ZoneId zone) {
        String type = header != null && header.title() != null ? header.title() : label(doc);
        String date = doc.actDate() == null ? "" : DATE.format(doc.actDate().atZoneSameInstant(zone));
        String author = doc.authorName() == null ? "" : doc.authorName();
        String line = Messages.get("viewer.meta", type, date, author, doc.versionNumber());
        return pdfMeta == null ? line : line + "  |  " + pdfMeta;
    }

    private static String pdfLine(PDDocumentInformation info, int pageCount, ZoneId zone) {
        String title = info == null ? null : info.getTitle();
        String author = info == null ? null : info.getAuthor();
        Calendar created = info == null ? null : info.getCreationDate();
        String date = created == null ? "" : DATE.format(created.toInstant().atZone(zone));
        // only what the PDF says: blank fields are left out rather than shown as empty separators
        String known = java.util.stream.Stream.of(title, date, author).filter(v -> v != null && !v.isBlank())
                .collect(java.util.stream.Collectors.joining(" · "));
        return Messages.get("viewer.pdfMeta", known.isEmpty() ? "" : known + " · ", pageCount);
    }

    private void shown(HealthDocument doc, Loaded loaded) {
        disposeImages();
        for (Control c : pages.getChildren()) {
            c.dispose();
        }
        showState(loaded.state());
        if (loaded.error() != null) {
            showMessage(loaded.error());
            return;
        }
        meta.setText(loaded.meta());
        int n = 1;
        for (ImageData data : loaded.pageImages()) {
            Image image = new Image(root.getDisplay(), data);
            images.add(image);
            Label page = new Label(pages, SWT.NONE);
            page.setData(TEST_ID, "viewer-page-" + n++);
            page.setImage(image);
            GridDataFactory.swtDefaults().align(SWT.CENTER, SWT.TOP).grab(true, false).applyTo(page);
        }
        if (loaded.pageCount() > loaded.pageImages().size() && !loaded.pageImages().isEmpty()) {
            Label more = new Label(pages, SWT.NONE);
            more.setText(Messages.get("viewer.morePages", loaded.pageCount() - loaded.pageImages().size()));
        }
        Point size = pages.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        pdfScroll.setMinSize(size);
        hasPdf = !loaded.pageImages().isEmpty();
        hasHtml = loaded.html() != null;
        if (hasHtml) {
            if (structured instanceof Browser browser) {
                browser.setText(loaded.html(), false);
            } else {
                ((Text) structured).setText(HtmlText.plain(loaded.html()));
            }
        }
        toggle.setVisible(hasPdf && hasHtml);
        show(hasPdf);
    }

    private void show(boolean pdf) {
        showingPdf = pdf && hasPdf;
        if (!hasPdf && !hasHtml) {
            showMessage(Messages.get("viewer.empty"));
            return;
        }
        stackLayout.topControl = showingPdf ? pdfScroll : structured;
        toggle.setText(Messages.get(showingPdf ? "viewer.showStructured" : "viewer.showPdf"));
        root.layout(true, true);
        stack.layout(true, true);
    }

    private void showMessage(String text) {
        message.setText(text);
        stackLayout.topControl = message;
        root.layout(true, true);
        stack.layout(true, true);
    }

    /** For tests and integrators: what the viewer shows now, {@code pdf}, {@code html} or {@code message}. */
    public String showing() {
        Control top = stackLayout == null ? null : stackLayout.topControl;
        return top == pdfScroll ? "pdf" : top == structured ? "html" : "message";
    }

    private void disposeImages() {
        for (Image image : images) {
            image.dispose();
        }
        images.clear();
    }
}
