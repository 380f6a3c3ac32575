package org.caducee.sandbox.psc.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.caducee.psc.PscSettings;
import org.caducee.psc.PscSettingsProvider;
import org.caducee.sandbox.DemoPractice;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.Simulator;
import org.caducee.sandbox.SimulatorContext;
import org.caducee.sandbox.psc.DemoProfessional;
import org.caducee.sandbox.psc.PscProvider;
import org.caducee.sandbox.psc.SandboxPsc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The PSC simulator of the sandbox ({@link Simulator} whiteboard, name {@code psc}). While it runs it also configures
 * the PSC client of the installation ({@link PscSettingsProvider} ranked above the installation settings): issuer,
 * demo client, test PKI trust and the structure's authentication certificate for mutual TLS.
 */
@Component(service = { Simulator.class, PscSettingsProvider.class, SandboxPsc.class }, property = "service.ranking:Integer=100")
public final class PscSimulator implements Simulator, PscSettingsProvider, SandboxPsc {

    /** PIN of every demo e-CPS on the login page. */
    public static final String DEMO_PIN = "1234";

    private volatile PscProvider provider;
    private volatile SandboxPki pki;

    /** The professionals known to the simulator: the demo practice's doctors and nurse. */
    public static List<DemoProfessional> professionals() {
        return List.of(new DemoProfessional("8" + DemoPractice.DOCTOR_RPPS, DemoPractice.DOCTOR_LAST_NAME, DemoPractice.DOCTOR_FIRST_NAME, "10", "SM54", DEMO_PIN),
                new DemoProfessional("8" + DemoPractice.SECOND_DOCTOR_RPPS, "LEFEBVRE", "MARC", "10", "SM54", DEMO_PIN),
                new DemoProfessional("8" + DemoPractice.NURSE_RPPS, "BLANC", "JULIE", "60", null, DEMO_PIN));
    }

    @Override
    public String name() {
        return "psc";
    }

    @Override
    public String description() {
        return Messages.get("description");
    }

    @Override
    public synchronized URI start(SimulatorContext context) throws Exception {
        stop();
        PscProvider p = new PscProvider(context.pki().serverSslContext(), context.pki().organisationsCaCertificate(), professionals());
        URI issuer = p.start(context.address(), context.port());
        pki = context.pki();
        provider = p;
        return issuer;
    }

    @Override
    @Deactivate
    public synchronized void stop() {
        PscProvider p = provider;
        provider = null;
        if (p != null) {
            p.stop();
        }
    }

    @Override
    public Optional<PscProvider> provider() {
        return Optional.ofNullable(provider);
    }

    @Override
    public String doctorNationalId() {
        return "8" + DemoPractice.DOCTOR_RPPS;
    }

    @Override
    public Optional<URI> endpoint() {
        PscProvider p = provider;
        return p == null ? Optional.empty() : Optional.of(p.issuer());
    }

    @Override
    public Optional<PscSettings> settings() {
        PscProvider p = provider;
        SandboxPki k = pki;
        if (p == null || k == null) {
            return Optional.empty();
        }
        return Optional.of(new PscSettings(p.issuer(), p.clientId(), p.clientSecret(), "eidas1",
                k.clientSslContext(SandboxPki.Credential.ORGANISATION_AUTH), k.certificate(SandboxPki.Credential.ORGANISATION_AUTH), null));
    }
}
