package org.caducee.dmp.internal;

import java.util.Map;
import java.util.Optional;

import org.caducee.core.service.RankedServices;
import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpCallerSource;

/**
 * The {@link DmpCallerSource} services seen by one component, highest {@code service.ranking} first: who can call
 * the DMP from this workstation now.
 */
final class DmpCallers {

    private final RankedServices<DmpCallerSource> sources = new RankedServices<>();

    void add(DmpCallerSource source, Map<String, Object> properties) {
        sources.add(source, properties);
    }

    void remove(Map<String, Object> properties) {
        sources.remove(properties);
    }

    /** The first caller answering; with {@code personal}, one whose credential also allows consulting. */
    Optional<DmpCaller> first(boolean personal) {
        return sources.first(source -> source.current().filter(c -> !personal || !c.feedingOnly()));
    }

    /** The first caller answering for the professional {@code nationalId}: his or her credentials on this workstation. */
    Optional<DmpCaller> forProfessional(String nationalId) {
        return sources.first(source -> source.current().filter(c -> c.professional().nationalId().equals(nationalId)));
    }
}
