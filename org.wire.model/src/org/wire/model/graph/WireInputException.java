package org.wire.model.graph;

/** Bad input to Wire (a graph or trace file): the message names the file and the offending value. */
public class WireInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public WireInputException(String message) {
        super(message);
    }

    public WireInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
