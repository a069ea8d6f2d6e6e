package org.wire.placement.place;

/** No placement satisfies the policies (spec §5.6). The message names the policy and the reason. */
public class UnsatisfiablePlacementException extends PlacementException {
    private static final long serialVersionUID = 1L;
    private final String policy;

    public UnsatisfiablePlacementException(String policy, String message) {
        super(message);
        this.policy = policy;
    }

    /** The (first) policy involved. */
    public String policy() {
        return policy;
    }
}
