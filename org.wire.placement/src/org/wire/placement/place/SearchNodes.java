package org.wire.placement.place;

import java.util.concurrent.atomic.LongAdder;

/** Counts branch-and-bound nodes across searches, so benchmarks can report work beside (noisy) wall time. */
final class SearchNodes {
    static final LongAdder COUNT = new LongAdder();

    private SearchNodes() {}
}
