package org.caducee.ins.internal.qualification;

import java.util.UUID;

import org.caducee.ins.insi.VitaleQuery;

/** The payload of an outbox item of channel {@code insi}: one line, fields separated by {@code |}. */
record Payload(boolean verify, UUID patientId, String actor, VitaleQuery vitale) {

    static String qualify(UUID patientId, String actor, VitaleQuery v) {
        String base = "qualify|" + patientId + "|" + clean(actor);
        if (v == null) {
            return base;
        }
        return base + "|" + v.nir() + "|" + n(v.nirKey()) + "|" + n(clean(v.birthName())) + "|" + v.birthDate() + "|" + v.birthRank() + "|" + n(v.insuredNir())
                + "|" + n(v.insuredKey());
    }

    static String verify(UUID patientId, String actor) {
        return "verify|" + patientId + "|" + clean(actor);
    }

    static Payload parse(String payload) {
        String[] f = payload.split("\\|", -1);
        UUID id = UUID.fromString(f[1]);
        VitaleQuery v = null;
        if (f.length >= 10) {
            v = new VitaleQuery(f[3], e(f[4]), e(f[5]), f[6], Integer.parseInt(f[7]), e(f[8]), e(f[9]));
        }
        return new Payload("verify".equals(f[0]), id, f[2], v);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace("|", " ");
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    private static String e(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
