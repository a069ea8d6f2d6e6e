package org.copper.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.wire.model.ctx.ServiceIds;

/**
 * The paper's four policy categories on real traffic, for Hotel Reservation's policies
 * (examples/hotel-reservation/policies.cup), each with what must happen and what must not, plus the context
 * itself: every service must receive exactly the chain that reached it. Order matters: the rate limit's counter
 * lives as long as its sidecar, so it is checked first and the later checks expect its denials.
 */
final class EnforcementChecks {
    static final String APP = "hotel-reservation";
    /** hr_reservation_rate: {@code IsGreaterThan(reservations, 50)}; the policy never resets the counter. */
    static final int RESERVATION_LIMIT = 50;

    private final Cluster cluster;
    private final Probe probe;
    private final List<CheckResult> results = new ArrayList<>();
    private static final List<String> NONE = List.of();

    EnforcementChecks(Cluster cluster, Probe probe) {
        this.cluster = cluster;
        this.probe = probe;
    }

    List<CheckResult> run() throws TestbedException {
        rateLimit();
        header();
        routing();
        accessControl();
        context();
        return results;
    }

    private void check(String category, String fact, boolean ok, String saw) {
        results.add(new CheckResult(category, fact, ok, saw));
    }

    /** P4: 60 reservations through frontend: exactly the first 50 pass; reservations from outside are not limited. */
    private void rateLimit() throws TestbedException {
        int n = RESERVATION_LIMIT + 10;
        List<Integer> statuses = new ArrayList<>();
        for (Probe.Answer a : probe.get(cluster.url("frontend", "/reservation/-"), n, NONE)) {
            statuses.add(ReportTree.last(a).status());
        }
        long passed = statuses.stream().filter(s -> s == 200).count();
        boolean firstPass = statuses.subList(0, RESERVATION_LIMIT).stream().allMatch(s -> s == 200);
        boolean restDenied = statuses.subList(RESERVATION_LIMIT, n).stream().allMatch(s -> s == 403);
        check("P4 rate limit", "frontend>reservation: the first " + RESERVATION_LIMIT + " of " + n + " pass, the rest are denied (403)",
                firstPass && restDenied, passed + " passed, statuses in order " + runs(statuses));
        List<Integer> direct = probe.get(cluster.url("reservation", "/-"), 20, NONE).stream().map(Probe.Answer::status).toList();
        check("P4 rate limit", "reservation called from outside (not frontend>reservation): 20 of 20 pass", direct.stream().allMatch(s -> s == 200),
                "statuses " + runs(direct));
    }

    /** P1: x-origin: search arrives at rate on frontend>search>rate only. */
    private void header() throws TestbedException {
        var rate = ReportTree.last(probe.get(cluster.url("frontend", "/search/rate/-"), NONE));
        check("P1 header", "frontend>search>rate: rate receives x-origin: search", "search".equals(rate.field("origin")),
                rate.path() + " x-origin=" + rate.field("origin"));
        var all = ReportTree.visits(probe.get(cluster.url("frontend", "/"), List.of("x-user: alice")));
        List<String> with = all.stream().filter(v -> v.field("origin") != null).map(v -> v.path() + "=" + v.field("origin")).toList();
        check("P1 header", "whole application from frontend: x-origin arrives at frontend>search>rate and nowhere else",
                with.equals(List.of("frontend>search>rate=search")), "x-origin at " + with + " of " + all.size() + " services reached");
        var fromSearch = ReportTree.last(probe.get(cluster.url("search", "/rate/-"), NONE));
        check("P1 header", "search>rate (not from frontend): no x-origin", fromSearch.field("origin") == null,
                fromSearch.path() + " x-origin=" + fromSearch.field("origin"));
        var direct = ReportTree.last(probe.get(cluster.url("rate", "/-"), NONE));
        check("P1 header", "rate called from outside: no x-origin", direct.field("origin") == null, "x-origin=" + direct.field("origin"));
    }

    /** P2: frontend>search>geo splits between geo v1 and v2; search>geo from elsewhere stays on the default (v1). */
    private void routing() throws TestbedException {
        int n = 200;
        Map<String, Integer> versions = new TreeMap<>();
        for (Probe.Answer a : probe.get(cluster.url("frontend", "/search/geo/-"), n, NONE)) {
            var geo = ReportTree.last(a);
            versions.merge(geo.status() == 200 ? String.valueOf(geo.field("v")) : "status " + geo.status(), 1, Integer::sum);
        }
        int v1 = versions.getOrDefault("v1", 0), v2 = versions.getOrDefault("v2", 0);
        // a fair 50 % split: P(either side < 30 % of 200) is about 1e-8
        check("P2 routing", "frontend>search>geo, " + n + " requests: both geo v1 and v2 answer, each at least 30 % (the policy: 50 %)",
                v1 + v2 == n && v1 >= 0.3 * n && v2 >= 0.3 * n, "versions " + versions);
        Map<String, Integer> other = new TreeMap<>();
        for (Probe.Answer a : probe.get(cluster.url("search", "/geo/-"), 50, NONE)) {
            other.merge(String.valueOf(ReportTree.last(a).field("v")), 1, Integer::sum);
        }
        check("P2 routing", "search>geo (not from frontend), 50 requests: all stay on the default geo (v1)",
                other.equals(Map.of("v1", 50)), "versions " + other);
    }

    /** P3: frontend>profile without x-user is denied; with it, or on any other chain, it passes. */
    private void accessControl() throws TestbedException {
        var denied = ReportTree.last(probe.get(cluster.url("frontend", "/profile/-"), NONE));
        check("P3 access control", "frontend>profile without x-user: denied (403)", denied.status() == 403, "status " + denied.status());
        var allowed = ReportTree.last(probe.get(cluster.url("frontend", "/profile/-"), List.of("x-user: alice")));
        check("P3 access control", "frontend>profile with x-user: passes, profile sees the user",
                allowed.status() == 200 && "alice".equals(allowed.field("user")), "status " + allowed.status() + ", x-user=" + allowed.field("user"));
        Probe.Answer direct = probe.get(cluster.url("profile", "/-"), NONE);
        check("P3 access control", "profile called from outside without x-user: passes", direct.status() == 200, "status " + direct.status());
        var all = ReportTree.visits(probe.get(cluster.url("frontend", "/"), NONE));
        Map<String, Integer> notOk = new TreeMap<>();
        all.stream().filter(v -> v.status() != 200).forEach(v -> notOk.put(v.path(), v.status()));
        // reservation's counter is spent by the P4 check, so it denies too
        check("P3 access control", "whole application without x-user: only frontend>profile is denied (and frontend>reservation, whose "
                + RESERVATION_LIMIT + " are spent)", notOk.equals(Map.of("frontend>profile", 403, "frontend>reservation", 403)),
                "not 200: " + notOk + " of " + all.size() + " services reached");
    }

    /**
     * The context: every service receives as x-copper-ctx the ids of the services before it. With the eBPF add-on
     * every service appends its own; in the baselines only services with a sidecar do (that is what Istio++ puts
     * sidecars at intermediates for).
     */
    private void context() throws TestbedException {
        var all = ReportTree.visits(probe.get(cluster.url("frontend", "/"), List.of("x-user: alice")));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var v : all) {
            if (v.status() != 200) {
                continue;
            }
            String want = v.chain().stream().filter(s -> cluster.deployment.kind() == DeploymentKind.WIRE_EBPF || cluster.deployment.hasSidecar(s))
                    .map(s -> ServiceIds.token(cluster.deployment.ids().get(s))).collect(Collectors.joining());
            String got = v.field("ctx");
            checked++;
            if (!want.equals(got == null ? "" : got)) {
                wrong.add(v.path() + ": want '" + want + "' got '" + got + "'");
            }
        }
        check("context", "whole application from frontend: each of the " + checked + " services reached receives exactly its chain",
                wrong.isEmpty() && checked > 1, wrong.isEmpty() ? "all exact, e.g. " + example(all) : String.join("; ", wrong));
    }

    private String example(List<ReportTree.Visit> all) {
        return all.stream().filter(v -> v.chain().size() >= 2).findFirst().map(v -> v.path() + " ctx=" + v.field("ctx")).orElse("-");
    }

    /** 200x50, 403x10 */
    static String runs(List<Integer> xs) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < xs.size()) {
            int j = i;
            while (j < xs.size() && xs.get(j).equals(xs.get(i))) {
                j++;
            }
            b.append(b.length() > 0 ? ", " : "").append(xs.get(i)).append("x").append(j - i);
            i = j;
        }
        return b.toString();
    }
}
