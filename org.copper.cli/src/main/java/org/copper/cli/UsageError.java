package org.copper.cli;

/** Bad arguments or bad input: the launcher prints the message (never a stack trace) and exits 2. */
public final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
