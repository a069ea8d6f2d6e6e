package org.wire.placement.place;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands a component with coverage pairs of several dataplane masks (and no paper-encoding groups) to
 * {@link MaskedCoverSearch}: each service's options are its allowed dataplanes, plus "none" unless it is required.
 */
final class MaskedCoverComponent {
    private MaskedCoverComponent() {}

    /** The component's assignment, or null when it has groups or the search found nothing (SAT4J then explains). */
    static ComponentSolver.Solution solve(PlacementProblem pb, Preprocessor.Component c, long deadlineNanos) {
        if (c.groups().length > 0 || pb.dataplanes.size() > 62) {
            return null;
        }
        int[] svc = c.services();
        Map<Integer, Integer> pos = new HashMap<>();
        long[] options = new long[svc.length];
        for (int i = 0; i < svc.length; i++) {
            pos.put(svc[i], i);
            options[i] = pb.allowed[svc[i]] | (pb.required[svc[i]] ? 0 : MaskedCoverSearch.NONE);
        }
        int[] pu = new int[c.pairs().length], pw = new int[c.pairs().length];
        long[] pk = new long[c.pairs().length];
        for (int i = 0; i < pu.length; i++) {
            PlacementProblem.Pair p = pb.pairs.get(c.pairs()[i]);
            pu[i] = pos.get(p.u());
            pw[i] = pos.get(p.w());
            pk[i] = p.mask();
        }
        long[][] cost = new long[svc.length][];
        for (int i = 0; i < svc.length; i++) {
            cost[i] = pb.costsAt(svc[i]);
        }
        MaskedCoverSearch.Result r = MaskedCoverSearch.solve(options, cost, pu, pw, pk, deadlineNanos);
        return r == null ? null : new ComponentSolver.Solution(r.option(), r.optimal(), svc.length, pu.length);
    }
}
