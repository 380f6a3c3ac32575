package org.caducee.sandbox.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caducee.core.installation.Installation;
import org.caducee.security.AccountService;
import org.caducee.security.Role;
import org.caducee.security.UserAccount;
import org.caducee.testing.InMemoryAccountService;
import org.caducee.testing.InMemoryPatientRepository;
import org.caducee.testing.InMemoryPracticeRepository;

/** In-memory stand-ins for the store and security implementations (developed in other branches). */
final class Fakes {

    private Fakes() {
    }

    record FakeInstallation(Path dataDir, boolean sandbox, Map<String, String> settings) implements Installation {
        @Override
        public Optional<String> setting(String key) {
            return Optional.ofNullable(settings.get(key));
        }
    }

    static final class Patients extends InMemoryPatientRepository {
    }

    static final class Practice extends InMemoryPracticeRepository {
    }

    static final class Accounts extends InMemoryAccountService {
    }
}
