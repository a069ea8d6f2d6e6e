package org.copper.testbed;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Walks a service's JSON report: each node is one service's view of a request, with its calls' answers. */
final class ReportTree {
    /** One service reached: the chain before it (origin first), its report, or the status its caller got. */
    record Visit(List<String> chain, String service, int status, JsonObject report) {
        String field(String name) {
            JsonElement e = report == null ? null : report.get(name);
            return e == null || e.isJsonNull() ? null : e.getAsString();
        }

        String path() {
            return String.join(">", chain) + (chain.isEmpty() ? "" : ">") + service;
        }
    }

    private ReportTree() {}

    static List<Visit> visits(Probe.Answer a) {
        if (a.report() == null) {
            return List.of(new Visit(List.of(), "(entry)", a.status(), null));
        }
        return visits(a.report());
    }

    static List<Visit> visits(JsonObject root) {
        List<Visit> out = new ArrayList<>();
        walk(new ArrayList<>(), root.get("s").getAsString(), 200, root, out);
        return out;
    }

    private static void walk(List<String> chain, String service, int status, JsonObject report, List<Visit> out) {
        out.add(new Visit(List.copyOf(chain), service, status, report));
        if (report == null || !report.has("calls")) {
            return;
        }
        chain.add(service);
        for (JsonElement c : report.getAsJsonArray("calls")) {
            JsonObject call = c.getAsJsonObject();
            JsonElement body = call.get("body");
            walk(chain, call.get("to").getAsString(), call.get("status").getAsInt(),
                    body != null && body.isJsonObject() ? body.getAsJsonObject() : null, out);
        }
        chain.remove(chain.size() - 1);
    }

    /** The visit of {@code service} at the end of the first call path, e.g. the rate visit of frontend>search>rate. */
    static Visit last(Probe.Answer a) {
        List<Visit> v = visits(a);
        return v.get(v.size() - 1);
    }
}
