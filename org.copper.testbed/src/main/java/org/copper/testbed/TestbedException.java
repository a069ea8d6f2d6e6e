package org.copper.testbed;

/** A testbed run that cannot go on (missing tool, a process that did not start, a bad configuration line). */
public final class TestbedException extends Exception {
    private static final long serialVersionUID = 1L;

    public TestbedException(String message) {
        super(message);
    }
}
