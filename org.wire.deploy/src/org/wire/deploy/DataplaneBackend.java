package org.wire.deploy;

import java.nio.file.Path;

/**
 * One back end per dataplane: turns a placement into that proxy's configuration.
 * Implementations live in their own package and never import one another.
 */
public interface DataplaneBackend {
    /** The dataplane name as used on the command line, e.g. {@code istio}. */
    String name();

    /** Writes this dataplane's configuration files below {@code outDir}. */
    void generate(Path outDir) throws java.io.IOException;
}
