package org.wire.placement.experiment;

/**
 * One graph of an experiment run.
 *
 * @param withoutSidecarFraction (services - sidecars) / services
 */
public record ExperimentRow(String graph, int services, int edges, long cost, int sidecars, boolean optimal, long solveMs,
        double withoutSidecarFraction) {}
