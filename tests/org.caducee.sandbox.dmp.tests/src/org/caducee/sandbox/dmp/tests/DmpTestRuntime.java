package org.caducee.sandbox.dmp.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caducee.core.care.CareEpisode;
import org.caducee.core.care.CareRepository;
import org.caducee.core.document.DocumentFormat;
import org.caducee.core.document.HealthDocument;
import org.caducee.core.document.Provenance;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.patient.Patient;
import org.caducee.core.patient.PatientRepository;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpDocument;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.outbox.OutboxItem;
import org.caducee.outbox.OutboxService;
import org.caducee.outbox.OutboxState;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.dmp.internal.DmpSimulator;
import org.caducee.testing.Osgi;
import org.caducee.xds.DocumentVersions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * What the DMP tests share, held by each test instance (no static service): the services of the test runtime, the
 * local DMP once it listens, qualified patients with a care episode, the official N1 example as a produced document,
 * and the outbox waits.
 */
final class DmpTestRuntime {

    private static final String NATIONAL_ID = "8" + DemoPractice.DOCTOR_RPPS;
    private static final Path EXAMPLE = Path.of(System.getProperty("caducee.shared", "../../../shared")).toAbsolutePath().normalize()
            .resolve("ans/xdm-examples/DOC_NON_STRUCTURE_CDA-R2-N1/Contenu du ZIP/IHE_XDM/SUBSET01/DOC0001.XML");
    private static final Duration WAIT = Duration.ofSeconds(30);

    final BundleContext context;
    final DmpClient client;
    final DmpSimulator simulator;
    final PatientRepository patients;
    final CareRepository care;
    final OutboxService outbox;
    final DocumentVersions versions;

    /** Waits for the services and for the local DMP of the sandbox to listen. */
    DmpTestRuntime() throws Exception {
        context = FrameworkUtil.getBundle(DmpTestRuntime.class).getBundleContext();
        Osgi.startBundleOf(OutboxService.class);
        client = Osgi.await(context, DmpClient.class, WAIT);
        patients = Osgi.await(context, PatientRepository.class, WAIT);
        care = Osgi.await(context, CareRepository.class, WAIT);
        outbox = Osgi.await(context, OutboxService.class, WAIT);
        versions = Osgi.await(context, DocumentVersions.class, WAIT);
        simulator = localDmp();
    }

    private DmpSimulator localDmp() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ServiceReference<Simulator> ref : context.getServiceReferences(Simulator.class, "(component.name=*DmpSimulator)")) {
                DmpSimulator found = (DmpSimulator) context.getService(ref);
                if (found != null && found.endpoint().isPresent()) {
                    return found;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sandbox host starts the DMP simulator");
    }

    java.net.URI simulatorEndpoint() {
        return simulator.endpoint().orElseThrow();
    }

    Patient qualifiedPatient() {
        String number = String.format("2%012d", Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 1_000_000_000_000L);
        Ins ins = Ins.parse(number + Ins.computeKey(number), InsType.NIR);
        BirthTraits traits = new BirthTraits("DMPFEED", List.of("CLAIRE"), Sex.FEMALE, LocalDate.of(1980, 3, 12), "75056");
        Identity identity = Identity.provisional(traits, null, null).withInsFromInsi(ins, traits)
                .withDocumentCheck(new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.CARTE_IDENTITE, "medecin", Instant.now()));
        Patient patient = patients.save(Patient.create(identity, null, null, null));
        care.save(new CareEpisode(UUID.randomUUID(), patient.id(), "Suivi", LocalDate.now().minusDays(1), null));
        return patient;
    }

    /** The official N1 example, rewritten for this patient with a fresh id: a real CDA with its PDF. */
    HealthDocument producedDocument(Patient patient) throws Exception {
        return producedDocument(patient, "1.2.250.1.999.2." + Math.abs(UUID.randomUUID().getLeastSignificantBits()), 1);
    }

    /** Version {@code version} of the set {@code root} (id {@code root.version}). */
    HealthDocument producedDocument(Patient patient, String root, int version) throws Exception {
        String cda = cda(patient, root, version);
        HealthDocument record = new HealthDocument(UUID.randomUUID(), patient.id(), root + "." + version, root, version, "11488-4", "CR de consultation",
                "Compte rendu de consultation", OffsetDateTime.now(), "Dr Sophie DURAND", DocumentFormat.CDA_N1, Provenance.PRODUCED, null, "N",
                null);
        versions.store(record, cda.getBytes(StandardCharsets.UTF_8), "text/xml", "CDA", "test");
        return record;
    }

    /** The official N1 example rewritten for this patient, id {@code root.version}. */
    String cda(Patient patient, String root, int version) throws Exception {
        return Files.readString(EXAMPLE, StandardCharsets.UTF_8)
                .replace("1.3.6.1.4.1.19376.1.2.20.12345.1.1", root + "." + version)
                .replace("1.3.6.1.4.1.19376.1.2.20.12345.1", root)
                .replace("<versionNumber value=\"1\"/>", "<versionNumber value=\"" + version + "\"/>")
                .replace("279035121518989", patient.identity().ins().value());
    }

    List<DmpDocument> inTheDmp(Patient patient, String uniqueId) throws Exception {
        DmpRequest emergency = new DmpRequest(patient.identity().ins().value(), patient.identity().ins().oid(),
                new DmpRequest.Professional(NATIONAL_ID, "DURAND Sophie", "10", Optional.empty()), AccessMode.BRIS_DE_GLACE,
                Optional.empty(), AuthenticationMode.INDIRECTE);
        return client.getDocuments(emergency, uniqueId);
    }

    OutboxItem await(UUID itemId, OutboxState state, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            OutboxItem item = outbox.find(itemId).orElseThrow();
            if (item.state() == state) {
                return item;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("outbox item not " + state + ": " + outbox.find(itemId));
    }
}
