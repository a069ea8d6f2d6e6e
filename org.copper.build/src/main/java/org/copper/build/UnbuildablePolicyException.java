package org.copper.build;

/**
 * The inputs are well-formed but the policies cannot be built: no placement enforces one, or a back end
 * cannot express one (the message names the policy and its file:line). Commands exit 1 for it, as for
 * errors in the policies, and 2 for every other {@link BuildException} (bad project file, unwritable output).
 */
public class UnbuildablePolicyException extends BuildException {
    private static final long serialVersionUID = 1L;

    public UnbuildablePolicyException(String message) {
        super(message);
    }
}
