package org.caducee.dmp.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.caducee.dmp.DmpCaller;
import org.caducee.dmp.DmpRequest;
import org.caducee.dmp.vihf.AuthenticationContext;
import org.caducee.dmp.vihf.AuthenticationMode;

/** The payload of an authorisation order in the outbox: the patient, the episode and the professional it is for. */
record AuthorizationOrder(UUID patientId, UUID episodeId, DmpCaller caller) {

    String toPayload() {
        Properties p = new Properties();
        p.setProperty("patient", patientId.toString());
        p.setProperty("episode", episodeId.toString());
        writeCaller(p, caller);
        return store(p);
    }

    static void writeCaller(Properties p, DmpCaller caller) {
        p.setProperty("login", caller.login());
        p.setProperty("nationalId", caller.professional().nationalId());
        p.setProperty("displayName", caller.professional().displayName());
        p.setProperty("profession", caller.professional().professionCode());
        caller.professional().specialtyCode().ifPresent(s -> p.setProperty("specialty", s));
        p.setProperty("authentication", caller.authentication().name());
        p.setProperty("context", caller.context().name());
    }

    static DmpCaller readCaller(Properties p) {
        AuthenticationMode mode = AuthenticationMode.valueOf(p.getProperty("authentication"));
        return new DmpCaller(p.getProperty("login"), new DmpRequest.Professional(p.getProperty("nationalId"),
                p.getProperty("displayName"), p.getProperty("profession"), Optional.ofNullable(p.getProperty("specialty"))),
                mode, p.containsKey("context") ? AuthenticationContext.valueOf(p.getProperty("context")) : AuthenticationContext.usual(mode));
    }

    static String store(Properties p) {
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static AuthorizationOrder parse(String payload) {
        Properties p = load(payload);
        return new AuthorizationOrder(UUID.fromString(p.getProperty("patient")), UUID.fromString(p.getProperty("episode")),
                readCaller(p));
    }

    static Properties load(String payload) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
