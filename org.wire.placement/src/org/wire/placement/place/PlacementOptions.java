package org.wire.placement.place;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Options of one placement run.
 *
 * @param paperEncoding      use the paper's "all of S_π or all of D_π" form for free policies instead of the
 *                           per-edge form (for comparison; never better)
 * @param mustHaveSidecar    services that must get a sidecar (of any dataplane)
 * @param mustNotHaveSidecar services that must not get a sidecar
 * @param entryOriginsOnly   when true only entry services (no incoming edges) start context chains; by
 *                           default every service is a possible chain origin (spec §5.1)
 * @param timeoutMillis      solver budget for the whole run; when it runs out the best placement found is
 *                           returned with {@code optimal = false}
 */
public record PlacementOptions(boolean paperEncoding, SortedSet<String> mustHaveSidecar, SortedSet<String> mustNotHaveSidecar,
        boolean entryOriginsOnly, long timeoutMillis) {
    public PlacementOptions {
        mustHaveSidecar = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(mustHaveSidecar));
        mustNotHaveSidecar = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(mustNotHaveSidecar));
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be > 0");
        }
    }

    /** Edge encoding, no user constraints, every service an origin, 60 s budget. */
    public static PlacementOptions defaults() {
        return new PlacementOptions(false, new TreeSet<>(), new TreeSet<>(), false, 60_000);
    }

    public PlacementOptions withPaperEncoding(boolean paper) {
        return new PlacementOptions(paper, mustHaveSidecar, mustNotHaveSidecar, entryOriginsOnly, timeoutMillis);
    }

    public PlacementOptions withMustHaveSidecar(Set<String> services) {
        return new PlacementOptions(paperEncoding, new TreeSet<>(services), mustNotHaveSidecar, entryOriginsOnly, timeoutMillis);
    }

    public PlacementOptions withMustNotHaveSidecar(Set<String> services) {
        return new PlacementOptions(paperEncoding, mustHaveSidecar, new TreeSet<>(services), entryOriginsOnly, timeoutMillis);
    }

    public PlacementOptions withEntryOriginsOnly(boolean entryOnly) {
        return new PlacementOptions(paperEncoding, mustHaveSidecar, mustNotHaveSidecar, entryOnly, timeoutMillis);
    }

    public PlacementOptions withTimeoutMillis(long millis) {
        return new PlacementOptions(paperEncoding, mustHaveSidecar, mustNotHaveSidecar, entryOriginsOnly, millis);
    }
}
