package org.caducee.xds.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.caducee.cda.CdaHeaderReader;
import org.caducee.cda.validation.CdaValidator;
import org.caducee.core.identity.BirthTraits;
import org.caducee.core.identity.Identity;
import org.caducee.core.identity.IdentityDocumentCheck;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.core.identity.Ins;
import org.caducee.core.identity.InsType;
import org.caducee.core.identity.Sex;
import org.caducee.core.installation.Installation;
import org.caducee.core.patient.Patient;
import org.caducee.testing.InMemoryPatientRepository;
import org.caducee.testing.Osgi;
import org.caducee.testing.TestDatabase;
import org.caducee.xds.internal.DocumentImportImpl;
import org.caducee.xds.internal.DocumentVersionsImpl;
import org.caducee.xds.internal.EbrimCodecImpl;
import org.caducee.xds.internal.WorklistImpl;
import org.caducee.xds.internal.XdmArchivesImpl;
import org.caducee.xds.internal.XdsMetadataFactoryImpl;
import org.caducee.xds.internal.XdsSchema;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * The XDS services wired by hand over an H2 test database, the real CDA header reader and validator of the cda bundle
 * (kit read from {@code ../shared}), in-memory patients (the two demo patients of the ANS examples) and documents.
 */
final class XdsFixture implements AutoCloseable {

    static final Map<String, String> SETTINGS = new HashMap<>();
    private static ServiceRegistration<Installation> installation;

    final TestDatabase database;
    final InMemoryPatientRepository patients = new InMemoryPatientRepository();
    final InMemoryDocuments documents = new InMemoryDocuments();
    final CdaHeaderReader reader;
    final CdaValidator validator;
    final EbrimCodecImpl codec = new EbrimCodecImpl();
    final XdsMetadataFactoryImpl factory;
    final XdmArchivesImpl archives;
    final DocumentVersionsImpl versions;
    final WorklistImpl worklist;
    final DocumentImportImpl imports;
    final Patient patTrois;
    final Patient decourcy;

    XdsFixture(Path dir, boolean validate) throws Exception {
        SETTINGS.put(DocumentImportImpl.SETTING_VALIDATE, validate ? "structure" : "off");
        BundleContext context = context();
        reader = Osgi.await(context, CdaHeaderReader.class, java.time.Duration.ofSeconds(30));
        validator = Osgi.await(context, CdaValidator.class, java.time.Duration.ofSeconds(30));
        Installation settings = Osgi.await(context, Installation.class, java.time.Duration.ofSeconds(5));
        database = TestDatabase.h2(dir.resolve("db"));
        XdsSchema schema = new XdsSchema();
        database.migrate(schema);
        factory = new XdsMetadataFactoryImpl(reader, validator, settings);
        archives = new XdmArchivesImpl(factory, codec, reader);
        versions = new DocumentVersionsImpl(database, documents, TestDatabase.schemaReady(schema));
        worklist = new WorklistImpl(database, TestDatabase.schemaReady(schema));
        imports = new DocumentImportImpl(archives, reader, validator, patients, versions, worklist, settings);
        patTrois = patients.save(qualified("PAT-TROIS", "DOMINIQUE MARIE-LOUISE", Sex.FEMALE, "1979-03-28", "51215", "PAT-TROIS", "DOMINIQUE",
                "2790351215189", "89"));
        decourcy = patients.save(qualified("DECOURCY", "RUTH ISABELLE", Sex.FEMALE, "2021-04-25", "75056", "DECOURCY", "RUTH",
                "2210425456114", "04"));
    }

    static Patient qualified(String name, String firstNames, Sex sex, String birth, String place, String used, String usedFirst, String ins,
            String key) {
        BirthTraits traits = BirthTraits.of(name, firstNames, sex, LocalDate.parse(birth), place);
        Identity identity = new Identity(traits, used, usedFirst, new Ins(ins, key, InsType.NIR_TEST), IdentityStatus.QUALIFIEE, Set.of(),
                new IdentityDocumentCheck(IdentityDocumentCheck.DocumentType.CARTE_IDENTITE, "secretaire", Instant.parse("2026-01-05T09:00:00Z")));
        return Patient.create(identity, null, null, null);
    }

    @Override
    public void close() {
        database.close();
    }

    static Path shared() {
        return Path.of(System.getProperty("caducee.shared", "../../../shared")).toAbsolutePath().normalize();
    }

    static Path kit() {
        return shared().resolve("ans").resolve("testcontenucda");
    }

    static Path examples() {
        return shared().resolve("ans").resolve("xdm-examples");
    }

    static List<Path> exampleArchives() throws IOException {
        try (Stream<Path> s = Files.list(examples())) {
            return s.map(d -> d.resolve("IHE_XDM.ZIP")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    static byte[] example(String name) throws IOException {
        return Files.readAllBytes(examples().resolve(name).resolve("IHE_XDM.ZIP"));
    }

    /** The CDA inside the example's IHE_XDM.ZIP (the exploded copy beside it sometimes differs). */
    static byte[] exampleCda(String name) throws IOException {
        return unzip(example(name)).get("IHE_XDM/SUBSET01/DOC0001.XML");
    }

    /** Registers (once) the installation: kit directory of the shared folder, settings of {@link #SETTINGS}. */
    static synchronized BundleContext context() throws Exception {
        Bundle cda = FrameworkUtil.getBundle(CdaValidator.class);
        if (cda.getState() != Bundle.ACTIVE) {
            cda.start();
        }
        Bundle self = FrameworkUtil.getBundle(XdsFixture.class);
        if (self.getState() != Bundle.ACTIVE) {
            self.start();
        }
        BundleContext context = self.getBundleContext();
        if (installation == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 1000);
            Path data = Files.createTempDirectory("caducee-xds");
            installation = context.registerService(Installation.class, new Installation() {
                @Override
                public Path dataDir() {
                    return data;
                }

                @Override
                public boolean sandbox() {
                    return true;
                }

                @Override
                public Optional<String> setting(String key) {
                    if ("cda.kit.dir".equals(key)) {
                        return Optional.of(kit().toString());
                    }
                    return Optional.ofNullable(SETTINGS.get(key));
                }
            }, props);
        }
        return context;
    }

    // ------------------------------------------------------------------ zip helpers

    /** Entries of a zip, in order (directories with empty content). */
    static LinkedHashMap<String, byte[]> unzip(byte[] zip) throws IOException {
        LinkedHashMap<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The example archive with its METADATA.XML text changed by {@code edit}. */
    static byte[] withMetadata(byte[] archive, java.util.function.UnaryOperator<String> edit) throws IOException {
        LinkedHashMap<String, byte[]> entries = unzip(archive);
        for (String name : new ArrayList<>(entries.keySet())) {
            if (name.toUpperCase().endsWith("METADATA.XML")) {
                entries.put(name, edit.apply(new String(entries.get(name), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return zip(entries);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
