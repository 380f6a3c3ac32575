package org.caducee.sandbox.dmp.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import org.caducee.core.care.Consent;
import org.caducee.dmp.AccessMode;
import org.caducee.dmp.ConsentRequiredException;
import org.caducee.dmp.DmpAccess;
import org.caducee.dmp.DmpClient;
import org.caducee.dmp.DmpException;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.DmpState;
import org.caducee.dmp.vihf.AuthenticationMode;
import org.caducee.dmp.vihf.VihfAssertions;
import org.caducee.dmp.vihf.VihfClaims;
import org.caducee.dmp.wire.ExistenceMessages;
import org.caducee.dmp.wire.Soap;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.SandboxPki.Credential;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.dmp.internal.DmpSimulator;
import org.caducee.testing.Osgi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The DMP client against the local DMP over mutual TLS, exactly as in sandbox mode. */
@TestInstance(Lifecycle.PER_CLASS)
class DmpClientAgainstSimulatorTest {

    private static final String NIR_OID = "1.2.250.1.213.1.4.8";
    private DmpClient client;
    private DmpSimulator simulator;
    private SandboxPki pki;

    @BeforeAll
    void sandboxRunning() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DmpClientAgainstSimulatorTest.class).getBundleContext();
        client = Osgi.await(context, DmpClient.class, Duration.ofSeconds(30));
        pki = Osgi.await(context, SandboxPki.class, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (simulator == null || simulator.endpoint().isEmpty()) {
            for (ServiceReference<Simulator> ref : context.getServiceReferences(Simulator.class, "(component.name=*DmpSimulator)")) {
                simulator = (DmpSimulator) context.getService(ref);
            }
            assertThat(System.nanoTime()).as("the sandbox host starts the DMP simulator").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String newIns() {
        return "1" + String.format("%014d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 100_000_000_000_000L);
    }

    private DmpRequest request(String ins, Optional<Consent> consent, AccessMode mode) {
        return new DmpRequest(ins, NIR_OID, new DmpRequest.Professional("8" + DemoPractice.DOCTOR_RPPS, "DURAND Sophie", "10",
                Optional.of("SM54")), mode, consent, AuthenticationMode.INDIRECTE);
    }

    private Optional<Consent> consent(boolean consultation) {
        return Optional.of(new Consent(UUID.randomUUID(), true, false, consultation, "medecin", Instant.now()));
    }

    @Test
    void givenAPatient_whenTheExistenceTestRuns_thenTheDmpIsOpenAndNotYetAuthorised() throws Exception {
        DmpAccess access = client.existence(request(newIns(), Optional.empty(), AccessMode.NORMAL));
        assertThat(access.state()).isEqualTo(DmpState.OPEN);
        assertThat(access.authorized()).isFalse();
    }

    @Test
    void givenNoConsent_whenAuthorising_thenNothingLeavesAndTheDmpRecordsNothing() {
        String ins = newIns();
        assertThatThrownBy(() -> client.authorize(request(ins, consent(false), AccessMode.NORMAL)))
                .isInstanceOf(ConsentRequiredException.class);
        assertThatThrownBy(() -> client.authorize(request(ins, Optional.empty(), AccessMode.BRIS_DE_GLACE)))
                .isInstanceOf(ConsentRequiredException.class);
        assertThat(simulator.authorization(ins, "8" + DemoPractice.DOCTOR_RPPS)).isEmpty();
    }

    @Test
    void givenConsent_whenAuthorisingThenRevoking_thenTheDmpFollows() throws Exception {
        String ins = newIns();
        client.authorize(request(ins, consent(true), AccessMode.NORMAL));
        assertThat(simulator.authorization(ins, "8" + DemoPractice.DOCTOR_RPPS)).isPresent();
        assertThat(client.existence(request(ins, consent(true), AccessMode.NORMAL)).authorized()).isTrue();
        client.revoke(request(ins, consent(true), AccessMode.NORMAL));
        assertThat(client.existence(request(ins, consent(true), AccessMode.NORMAL)).authorized()).isFalse();
    }

    @Test
    void givenClosedAbsentOrBlockingDmps_thenTheStatesComeBackAndAuthorisationIsRefusedWithTheReason() throws Exception {
        String closed = newIns();
        String absent = newIns();
        String blocking = newIns();
        simulator.setState(closed, DmpState.CLOSED, null);
        simulator.setState(absent, DmpState.NOT_FOUND, null);
        simulator.setState(blocking, DmpState.BLOCKED, "8" + DemoPractice.DOCTOR_RPPS);
        assertThat(client.existence(request(closed, Optional.empty(), AccessMode.NORMAL)).state()).isEqualTo(DmpState.CLOSED);
        assertThat(client.existence(request(absent, Optional.empty(), AccessMode.NORMAL)).state()).isEqualTo(DmpState.NOT_FOUND);
        assertThat(client.existence(request(blocking, Optional.empty(), AccessMode.NORMAL)).state()).isEqualTo(DmpState.BLOCKED);
        assertThatThrownBy(() -> client.authorize(request(blocking, consent(true), AccessMode.NORMAL)))
                .isInstanceOf(DmpException.class).hasMessageContaining("interdit l’accès")
                .satisfies(e -> assertThat(((DmpException) e).kind()).isEqualTo(DmpException.Kind.REFUSED));
    }

    @Test
    void givenAVihfSignedOutsideTheIgcSante_thenTheDmpRefusesIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        KeyPair rogue = generator.generateKeyPair();
        // a rogue key with the genuine structure certificate in KeyInfo: the signature cannot verify
        VihfClaims claims = new VihfClaims("8" + DemoPractice.DOCTOR_RPPS, "DURAND Sophie", "10", Optional.empty(), "3" + DemoPractice.STRUCTURE_SIRET,
                "SA08", VihfClaims.insResource("100000000000001", NIR_OID), AccessMode.NORMAL, AuthenticationMode.INDIRECTE,
                "caducee", "Caducée", "0.1.0", DmpSimulator.HOMOLOGATION, Duration.ofMinutes(5));
        Element assertion = new VihfAssertions().signed(claims, Instant.now(), rogue.getPrivate(), pki.chain(Credential.ORGANISATION_SIGN));
        URI endpoint = simulator.endpoint().orElseThrow().resolve("patients");
        Document envelope = Soap.request(ExistenceMessages.ACTION, endpoint, assertion);
        ExistenceMessages.writeRequest(envelope, "caducee", "Caducée", new ExistenceMessages.Query("100000000000001", NIR_OID), Instant.now());
        HttpResponse<String> response = post(pki.clientSslContext(Credential.ORGANISATION_AUTH), endpoint, Soap.bytes(envelope));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("DMPVIHFInvalide").contains("signature du jeton VIHF est invalide");
    }

    @Test
    void givenNoClientCertificate_thenTheTlsHandshakeFails() throws Exception {
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(pki.trustStore());
        trustOnly.init(null, tmf.getTrustManagers(), null);
        URI endpoint = simulator.endpoint().orElseThrow().resolve("patients");
        assertThatThrownBy(() -> post(trustOnly, endpoint, "<x/>".getBytes())).isInstanceOf(java.io.IOException.class);
    }

    private HttpResponse<String> post(SSLContext tls, URI endpoint, byte[] body) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", Soap.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
