package org.caducee.psc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.caducee.psc.PscException;
import org.caducee.psc.PscException.Reason;
import org.caducee.psc.PscIdentity;

/** Maps the PSC userinfo layout ({@code SubjectNameID}, {@code SubjectRefPro.exercices[].activities[]}) to {@link PscIdentity}. */
final class ClaimsMapper {

    private ClaimsMapper() {
    }

    static PscIdentity identity(Map<String, Object> info, String acr) throws PscException {
        String nationalId = string(info, "SubjectNameID");
        if (nationalId == null) {
            nationalId = string(info, "preferred_username");
        }
        if (nationalId == null || nationalId.isBlank()) {
            throw new PscException(Reason.INVALID_TOKEN, Messages.get("token.noNationalId"));
        }
        List<PscIdentity.Exercise> exercises = new ArrayList<>();
        if (info.get("SubjectRefPro") instanceof Map<?, ?> refPro && refPro.get("exercices") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> ex) {
                    List<PscIdentity.Activity> activities = new ArrayList<>();
                    if (ex.get("activities") instanceof List<?> acts) {
                        for (Object a : acts) {
                            if (a instanceof Map<?, ?> act) {
                                activities.add(new PscIdentity.Activity(string(act, "codeModeExercice"), string(act, "codeSecteurDactivite"),
                                        string(act, "raisonSocialeSite"), string(act, "numeroFinessSite"), string(act, "identifiantTechniqueDeLaStructure")));
                            }
                        }
                    }
                    exercises.add(new PscIdentity.Exercise(string(ex, "codeProfession"), string(ex, "codeCategorieProfessionnelle"),
                            string(ex, "codeSavoirFaire"), string(ex, "nomDexercice"), string(ex, "prenomDexercice"), activities));
                }
            }
        }
        return new PscIdentity(nationalId, string(info, "sub"), string(info, "family_name"), string(info, "given_name"), acr, exercises);
    }

    private static String string(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v == null ? null : v.toString();
    }
}
