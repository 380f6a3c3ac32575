package org.caducee.dmp.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caducee.dmp.DmpCaller;
import org.caducee.xds.Visibility;

/** The payload of a feeding order in the outbox: the document, its patient, the visibility chosen and the author. */
record FeedOrder(UUID documentId, UUID patientId, Set<Visibility> visibility, DmpCaller caller) {

    String toPayload() {
        Properties p = new Properties();
        p.setProperty("document", documentId.toString());
        p.setProperty("patient", patientId.toString());
        p.setProperty("visibility", visibility.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        AuthorizationOrder.writeCaller(p, caller);
        return AuthorizationOrder.store(p);
    }

    static FeedOrder parse(String payload) {
        Properties p = AuthorizationOrder.load(payload);
        Set<Visibility> visibility = EnumSet.noneOf(Visibility.class);
        Arrays.stream(p.getProperty("visibility", "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> visibility.add(Visibility.valueOf(s)));
        return new FeedOrder(UUID.fromString(p.getProperty("document")), UUID.fromString(p.getProperty("patient")), visibility,
                AuthorizationOrder.readCaller(p));
    }
}
