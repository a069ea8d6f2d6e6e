package org.wire.deploy;

/**
 * One back end per dataplane: renders the sidecars Wire placed on its dataplane into configuration files.
 * Implementations live in a package of their own and never import one another or the solver.
 */
public interface DataplaneBackend {
    /** The dataplane name as in the project file and on the command line, e.g. {@code haproxy}. */
    String dataplane();

    /**
     * Adds this dataplane's files to {@code out} (paths relative to the output root, under a folder named after
     * the dataplane). Renders only the sidecars of {@code input.plan()} whose dataplane is {@link #dataplane()}.
     *
     * @throws UnsupportedPolicyException when a rule uses something this dataplane cannot express; the build
     *                                    then writes nothing
     */
    void render(DeploymentInput input, FileTree out) throws UnsupportedPolicyException;

    /**
     * The largest RE2 program (as {@code RE2::ProgramSize()} counts it) this dataplane's proxies accept in a
     * regex match; Envoy rejects larger ones ({@code re2.max_program_size.error_level}). Empty when the
     * dataplane has no such limit (HAProxy's PCRE2). The build checks every context regex against it first.
     */
    default java.util.OptionalInt maxRegexProgramSize() {
        return java.util.OptionalInt.empty();
    }
}
