package org.wire.placement.place;

/** Placement failed; nothing should be written. */
public class PlacementException extends Exception {
    private static final long serialVersionUID = 1L;

    public PlacementException(String message) {
        super(message);
    }
}
