package org.caducee.core.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caducee.core.service.RankedServices;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/** The sandbox's simulator (ranked 100) answers before the installation's settings (ranked 0); a source that has nothing defers to the next. */
class RankedServicesTest {

    private static Map<String, Object> props(int ranking, long id) {
        return Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id);
    }

    @Test
    void highestRankingFirstThenOldest_andTheFirstAnswerWins() {
        RankedServices<String> sources = new RankedServices<>();
        sources.add("installation", props(0, 10));
        sources.add("simulateur", props(100, 12));
        sources.add("autre installation", props(0, 11));
        assertThat(sources.inOrder()).containsExactly("simulateur", "installation", "autre installation");
        assertThat(sources.first(s -> s.startsWith("s") ? Optional.<String>empty() : Optional.of(s))).contains("installation");

        sources.remove(props(100, 12));
        assertThat(sources.inOrder()).containsExactly("installation", "autre installation");
        assertThat(sources.first(s -> Optional.empty())).isEmpty();
    }

    @Test
    void aServiceBoundAsServiceObjects_isObtainedWhenFirstAsked_andReleasedOnRemoval() {
        List<String> calls = new ArrayList<>();
        ComponentServiceObjects<String> objects = new ComponentServiceObjects<>() {
            @Override
            public String getService() {
                calls.add("get");
                return "DMP local";
            }

            @Override
            public void ungetService(String service) {
                calls.add("unget " + service);
            }

            @Override
            public ServiceReference<String> getServiceReference() {
                return null;
            }
        };
        RankedServices<String> sources = new RankedServices<>();
        sources.add(objects, props(100, 5));
        assertThat(calls).isEmpty();
        assertThat(sources.inOrder()).containsExactly("DMP local");
        assertThat(sources.inOrder()).containsExactly("DMP local");
        assertThat(calls).containsExactly("get");
        sources.remove(props(100, 5));
        assertThat(calls).containsExactly("get", "unget DMP local");
        assertThat(sources.inOrder()).isEmpty();
    }
}
