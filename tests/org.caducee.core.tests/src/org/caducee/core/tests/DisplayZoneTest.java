package org.caducee.core.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.caducee.core.installation.DisplayZone;
import org.caducee.core.installation.Installation;
import org.junit.jupiter.api.Test;

/** Every time shown to the user is in one zone: Paris unless the installation names another valid one. */
class DisplayZoneTest {

    private static Installation with(Map<String, String> settings) {
        return new Installation() {
            @Override
            public Path dataDir() {
                return Path.of(".");
            }

            @Override
            public boolean sandbox() {
                return true;
            }

            @Override
            public Optional<String> setting(String key) {
                return Optional.ofNullable(settings.get(key));
            }
        };
    }

    @Test
    void parisByDefaultWhateverTheMachineZone() {
        assertThat(DisplayZone.of(null)).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(DisplayZone.of(with(Map.of()))).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void theConfiguredZoneWhenItIsOneElseParis() {
        assertThat(DisplayZone.of(with(Map.of(DisplayZone.SETTING, " America/Cayenne ")))).isEqualTo(ZoneId.of("America/Cayenne"));
        assertThat(DisplayZone.of(with(Map.of(DisplayZone.SETTING, "Lune/Face-cachée")))).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(DisplayZone.of(with(Map.of(DisplayZone.SETTING, "")))).isEqualTo(ZoneId.of("Europe/Paris"));
    }
}
