package org.caducee.dmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.caducee.core.care.Consent;
import org.caducee.core.identity.IdentityStatus;
import org.caducee.dmp.internal.Messages;

/**
 * The DICA checklist (DMP accessible, INS qualifiée, Consentement, Authentification): the DMP can be consulted only
 * when all four hold. The banner icon shows {@link #consultable()} without a click; the checklist explains each
 * failing condition and offers its fix.
 */
public record Dica(List<DicaItem> items) {

    public Dica {
        items = List.copyOf(items);
        if (items.size() != DicaCondition.values().length) {
            throw new IllegalArgumentException("One item per DICA condition");
        }
    }

    /** The checklist for these facts. */
    public static Dica of(DicaFacts facts) {
        Objects.requireNonNull(facts, "facts");
        List<DicaItem> items = new ArrayList<>(4);
        items.add(accessible(facts.dmpState()));
        boolean qualified = facts.identityStatus() == IdentityStatus.QUALIFIEE;
        items.add(new DicaItem(DicaCondition.INS_QUALIFIEE, qualified, Messages.get("dica.ins"),
                qualified ? Messages.get("dica.ins.ok") : Messages.get("dica.ins.ko", label(facts.identityStatus())),
                qualified ? Optional.empty() : Optional.of(DicaFix.QUALIFY_INS)));
        boolean consent = facts.consent().map(Consent::consultationAllowed).orElse(false);
        String consentDetail;
        if (consent) {
            consentDetail = Messages.get("dica.consent.ok");
        } else if (facts.mode().emergency()) {
            consentDetail = Messages.get("dica.consent.emergency." + facts.mode().code());
        } else {
            consentDetail = Messages.get("dica.consent.ko");
        }
        boolean consentSatisfied = consent || facts.mode().emergency();
        items.add(new DicaItem(DicaCondition.CONSENTEMENT, consentSatisfied, Messages.get("dica.consent"), consentDetail,
                consentSatisfied ? Optional.empty() : Optional.of(DicaFix.RECORD_CONSENT)));
        items.add(new DicaItem(DicaCondition.AUTHENTIFICATION, facts.strongAuthentication(), Messages.get("dica.auth"),
                Messages.get(facts.strongAuthentication() ? "dica.auth.ok" : "dica.auth.ko"),
                facts.strongAuthentication() ? Optional.empty() : Optional.of(DicaFix.LOGIN_PSC)));
        return new Dica(items);
    }

    private static DicaItem accessible(DmpState state) {
        String detail = Messages.get("dica.dmp." + state.name());
        Optional<DicaFix> fix = switch (state) {
            case OPEN -> Optional.empty();
            case UNREACHABLE -> Optional.of(DicaFix.WEATHER_PAGE);
            case UNKNOWN, NOT_FOUND, CLOSED, BLOCKED -> Optional.empty();
        };
        return new DicaItem(DicaCondition.DMP_ACCESSIBLE, state.accessible(), Messages.get("dica.dmp"), detail, fix);
    }

    private static String label(IdentityStatus status) {
        return Messages.get("identity.status." + status.name());
    }

    /** True when the DMP can be consulted now. */
    public boolean consultable() {
        return items.stream().allMatch(DicaItem::satisfied);
    }

    /** The item of one condition. */
    public DicaItem item(DicaCondition condition) {
        return items.stream().filter(i -> i.condition() == condition).findFirst().orElseThrow();
    }

    /** The failing items, in display order. */
    public List<DicaItem> failing() {
        return items.stream().filter(i -> !i.satisfied()).toList();
    }
}
