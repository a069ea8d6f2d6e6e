package org.wire.deploy;

import org.wire.model.Policy;

/** A policy asks for something a back end cannot express; the message names the policy, its file:line and what. */
public final class UnsupportedPolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsupportedPolicyException(String dataplane, Policy policy, String what) {
        super(policy.origin() + ": policy " + policy.name() + ": the " + dataplane + " back end cannot express " + what);
    }
}
