package org.caducee.sandbox.internal;

import java.util.List;

import org.caducee.core.installation.Installation;
import org.caducee.sandbox.SandboxHost;
import org.caducee.sandbox.SandboxPki;
import org.caducee.sandbox.Simulator;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Whiteboard host of the local simulators. The test PKI is only obtained (hence generated) when a simulator starts
 * in sandbox mode.
 */
@Component(service = SandboxHost.class, immediate = true)
public final class SandboxHostComponent implements SandboxHost {

    private final SimulatorRunner runner;

    @Activate
    public SandboxHostComponent(@Reference Installation installation, @Reference ComponentServiceObjects<SandboxPki> pki) {
        this.runner = new SimulatorRunner(installation, new java.util.function.Supplier<>() {
            private SandboxPki service;

            @Override
            public synchronized SandboxPki get() {
                if (service == null) {
                    service = pki.getService();
                }
                return service;
            }
        });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSimulator(Simulator simulator) {
        runner.add(simulator);
    }

    void removeSimulator(Simulator simulator) {
        runner.remove(simulator);
    }

    @Deactivate
    void deactivate() {
        runner.close();
    }

    @Override
    public boolean active() {
        return runner.active();
    }

    @Override
    public List<SimulatorStatus> simulators() {
        return runner.simulators();
    }
}
