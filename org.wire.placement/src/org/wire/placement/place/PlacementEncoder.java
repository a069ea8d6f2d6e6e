package org.wire.placement.place;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.wire.model.graph.ServiceGraph;
import org.wire.placement.match.MatchSet;
import org.wire.placement.match.SharedMatchSets;
import org.wire.model.ActionRef;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;

/**
 * Builds the {@link PlacementProblem} (spec §5.1–5.3): match sets, T_π, and the pinned / free
 * constraints. Pinned requirements become unit restrictions on services right away; the
 * {@link Preprocessor} propagates them.
 */
public final class PlacementEncoder {
    /** Above this many S×D pairs a paper-encoding policy keeps one selector variable instead. */
    private static volatile long PAPER_PAIRS_LIMIT = 50_000;

    /** Test hook: 0 keeps every paper-encoding policy as a selector group (exercises that path). */
    public static void setPaperPairsLimit(long limit) {
        PAPER_PAIRS_LIMIT = limit;
    }

    private PlacementEncoder() {}

    /** Policies and dataplanes sorted by name, every match set computed (sharing work between patterns). */
    public static List<PolicyMatch> matchAll(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes, boolean entryOriginsOnly) {
        SharedMatchSets matchSets = new SharedMatchSets(graph, entryOriginsOnly);
        List<Policy> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparing(Policy::name));
        Set<String> seen = new HashSet<>();
        List<PolicyMatch> out = new ArrayList<>();
        for (Policy p : sorted) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("duplicate policy name '" + p.name() + "'");
            }
            out.add(match(matchSets, p, dataplanes));
        }
        return out;
    }

    /** One policy's match set and host mask over the sorted dataplanes. */
    static PolicyMatch match(SharedMatchSets matchSets, Policy p, List<Dataplane> dataplanes) {
        long mask = 0;
        for (int t = 0; t < dataplanes.size(); t++) {
            if (dataplanes.get(t).iface().supportsAll(p)) {
                mask |= 1L << t;
            }
        }
        return new PolicyMatch(p, matchSets.of(p.pattern()), mask);
    }

    public static List<Dataplane> sortDataplanes(List<Dataplane> dataplanes) {
        if (dataplanes.isEmpty()) {
            throw new IllegalArgumentException("no dataplane on offer");
        }
        if (dataplanes.size() > 62) {
            throw new IllegalArgumentException("at most 62 dataplanes are supported");
        }
        List<Dataplane> sorted = new ArrayList<>(dataplanes);
        sorted.sort(Comparator.comparing(Dataplane::name));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalArgumentException("duplicate dataplane '" + sorted.get(i).name() + "'");
            }
        }
        return sorted;
    }

    static PlacementProblem encode(ServiceGraph graph, List<PolicyMatch> policies, List<Dataplane> dataplanes, PlacementOptions options)
            throws UnsatisfiablePlacementException {
        for (String s : options.mustHaveSidecar()) {
            if (graph.indexOf(s) < 0) {
                throw new IllegalArgumentException("must-have-sidecar names unknown service '" + s + "'");
            }
            if (options.mustNotHaveSidecar().contains(s)) {
                throw new UnsatisfiablePlacementException("-", "service '" + s + "' is both required and forbidden to have a sidecar");
            }
        }
        for (String s : options.mustNotHaveSidecar()) {
            if (graph.indexOf(s) < 0) {
                throw new IllegalArgumentException("must-not-have-sidecar names unknown service '" + s + "'");
            }
        }
        PlacementProblem pb = new PlacementProblem(graph, dataplanes, policies);
        long all = (1L << dataplanes.size()) - 1;
        for (int s = 0; s < graph.size(); s++) {
            pb.allowed[s] = all;
        }
        for (String s : options.mustNotHaveSidecar()) {
            pb.allowed[graph.indexOf(s)] = 0;
            pb.userForbidden[graph.indexOf(s)] = true;
        }
        for (String s : options.mustHaveSidecar()) {
            pb.required[graph.indexOf(s)] = true;
            pb.forcedBy[graph.indexOf(s)] = -1;
        }
        for (int i = 0; i < policies.size(); i++) {
            PolicyMatch pm = policies.get(i);
            Policy p = pm.policy();
            if (pm.hostMask() == 0) {
                throw new UnsatisfiablePlacementException(p.name(), "policy '" + p.name() + "' (" + p.origin() + "): " + whyNoHost(p, dataplanes));
            }
            MatchSet m = pm.matches();
            if (m.isEmpty()) {
                continue;
            }
            if (!p.free()) {
                if (p.has(Side.EGRESS)) {
                    for (int s : m.sources()) {
                        Preprocessor.restrict(pb, s, pm.hostMask(), i, "its [Egress] section must run at the source");
                    }
                }
                if (p.has(Side.INGRESS)) {
                    for (int s : m.destinations()) {
                        Preprocessor.restrict(pb, s, pm.hostMask(), i, "its [Ingress] section must run at the destination");
                    }
                }
            } else if (options.paperEncoding()) {
                int[] src = m.sources(), dst = m.destinations();
                if ((long) src.length * dst.length <= PAPER_PAIRS_LIMIT) {
                    // (∧S) ∨ (∧D) ≡ ∧_{s∈S, d∈D} (s ∨ d): the paper's form as pairs, so the same reductions apply
                    for (int s : src) {
                        for (int d : dst) {
                            pb.pairs.add(new PlacementProblem.Pair(s, d, pm.hostMask(), i));
                        }
                    }
                } else {
                    pb.groups.add(new PlacementProblem.Group(src, dst, pm.hostMask(), i));
                }
            } else {
                for (int k = 0; k < m.size(); k++) {
                    pb.pairs.add(new PlacementProblem.Pair(m.source(k), m.destination(k), pm.hostMask(), i));
                }
            }
        }
        return pb;
    }

    private static String whyNoHost(Policy p, List<Dataplane> dataplanes) {
        List<String> missing = new ArrayList<>();
        for (ActionRef a : p.actions().stream().sorted(Comparator.comparing(ActionRef::receiverType).thenComparing(ActionRef::action)).toList()) {
            if (dataplanes.stream().noneMatch(d -> d.iface().supports(a))) {
                missing.add(a.receiverType() + "." + a.action());
            }
        }
        String offered = String.join(", ", dataplanes.stream().map(Dataplane::name).toList());
        if (!missing.isEmpty()) {
            return "no available dataplane (" + offered + ") offers " + String.join(", ", missing);
        }
        return "no single available dataplane (" + offered + ") offers all of its actions together";
    }
}
