package org.copper.build;

/** The build cannot go on; the message names the file and field or the offending value. Nothing was written. */
public class BuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(message);
    }
}
