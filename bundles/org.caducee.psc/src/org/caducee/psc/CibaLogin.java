package org.caducee.psc;

import java.util.concurrent.CompletionStage;

/**
 * A CIBA authentication in progress: show {@link #bindingMessage()} to the user (the same two digits appear on the
 * card reader or the e-CPS application), wait for {@link #result()}, or {@link #cancel()}.
 */
public interface CibaLogin {

    /** The two-digit binding message sent with the request. */
    String bindingMessage();

    /** Completes with the identity once approved; fails with a {@link PscException} otherwise. */
    CompletionStage<PscIdentity> result();

    /** Stops polling; {@link #result()} fails with {@link PscException.Reason#CANCELLED}. */
    void cancel();
}
