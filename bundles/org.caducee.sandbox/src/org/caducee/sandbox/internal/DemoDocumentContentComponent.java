package org.caducee.sandbox.internal;

import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.write.CdaWriter;
import org.caducee.core.document.DocumentRepository;
import org.caducee.core.installation.Installation;
import org.caducee.core.patient.PatientRepository;
import org.caducee.sandbox.DemoData;
import org.caducee.xds.DocumentVersions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Files the demo documents that have content ({@link DemoDocumentContent}) when the installation runs in sandbox mode,
 * once the demo patients are seeded ({@link DemoData}) and the documents engine (writer, reader, versions) is there. Without
 * the documents engine this component stays unsatisfied and the demo has only the record-only documents.
 */
@Component(service = {}, immediate = true)
public final class DemoDocumentContentComponent {

    private static final System.Logger LOG = System.getLogger(DemoDocumentContentComponent.class.getName());

    @Activate
    public DemoDocumentContentComponent(@Reference Installation installation, @Reference DemoData seeded,
            @Reference PatientRepository patients, @Reference DocumentRepository documents, @Reference DocumentVersions versions,
            @Reference CdaWriter writer, @Reference CdaHeaderReader reader) {
        if (!installation.sandbox()) {
            return;
        }
        try {
            new DemoDocumentContent(patients, documents, versions, writer, reader).seed()
                    .forEach(problem -> LOG.log(System.Logger.Level.WARNING, problem));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, Messages.get("demo.failed", e.getMessage()), e);
        }
    }
}
