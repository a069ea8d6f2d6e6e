package org.copper.testbed;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Placeholder until the load comparison lands: the quick run does not use it. */
final class Comparison {
    Comparison(Tools tools, PrintWriter out) {}

    void measure(Cluster c) {}

    void hopCost(PodNetwork net, Cgroups cgroups, Path work, Path script, String traceHeader) {}

    void report(Path outDir) {}
}
