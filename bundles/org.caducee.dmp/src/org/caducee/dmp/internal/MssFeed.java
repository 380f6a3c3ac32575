package org.caducee.dmp.internal;

import java.util.List;
import java.util.Set;

import org.caducee.cda.render.CdaRenderer;
import org.caducee.cli.CliContext;
import org.caducee.cli.CliException;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.identity.Identity;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.mss.MssException;
import org.caducee.mss.MssSendRequest;
import org.caducee.mss.MssSender;
import org.caducee.xds.DocumentVersions;
import org.caducee.xds.Visibility;
import org.caducee.xds.XdmArchives;
import org.caducee.xds.XdmSender;

/**
 * The MSSanté branch of the feed "en Y" from the command line: the same CDA as the one sent to the DMP, its PDF copy
 * and an IHE_XDM.zip built from it, queued by the MSSanté bundle (loaded only when {@code --mss} is given).
 */
final class MssFeed {

    private MssFeed() {
    }

    static List<String> send(CliContext context, HealthDocument document, Set<Visibility> visibility, List<String> to) {
        byte[] cda = context.service(DocumentVersions.class).content(document.id())
                .orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("feed.noContent")));
        byte[] pdf = context.service(CdaRenderer.class).pdf(cda)
                .orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("cli.noPdf")));
        byte[] xdm = context.service(XdmArchives.class).pack(List.of(cda),
                new XdmSender(null, null, null, null, null, "Caducée", null, "Caducée"), visibility);
        Patient patient = context.service(PatientRepository.class).find(document.patientId())
                .orElseThrow(() -> new CliException(CliException.FAILURE, Messages.get("service.unknownPatient")));
        Identity id = patient.identity();
        String label = document.title() != null ? document.title() : document.typeLabel();
        MssSendRequest request = new MssSendRequest(to, label, id.traits().birthName(), id.traits().firstBirthFirstName(),
                id.traits().birthDate(), id.insShareable(), document.typeCode() == null ? List.of() : List.of(document.typeCode()), pdf,
                "document.pdf", xdm, null, false, false, patient.id().toString(), "cli:" + System.getProperty("user.name", "?"));
        try {
            return context.service(MssSender.class).send(request).stream().map(MssSender.QueuedMessage::messageId).toList();
        } catch (MssException e) {
            throw new CliException(CliException.FAILURE, e.getMessage());
        }
    }
}
