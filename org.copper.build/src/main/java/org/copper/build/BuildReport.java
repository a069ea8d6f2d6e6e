package org.copper.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.model.plan.EnforcementPlan;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;

/**
 * {@code report.html}: the service graph laid out by ELK as an inline SVG with sidecars coloured by dataplane,
 * why each sidecar is there, what each runs, and Wire's cost against the two baselines of {@link Baselines}.
 * The output depends only on the inputs (no times, sorted everywhere), so equal builds give equal bytes.
 */
public final class BuildReport {
    /** Fill colours for dataplanes, by position in the sorted list of dataplanes on offer. */
    private static final String[] PALETTE = { "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f" };
    private static final String NO_SIDECAR = "#ffffff";

    private BuildReport() {}

    public static String render(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes, PlacementResult placement,
            EnforcementPlan plan) {
        return render(graph, policies, dataplanes, placement, plan, null);
    }

    /** @param lines null, or Table 3 (Copper against Istio lines) when the build wrote Istio resources */
    public static String render(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes, PlacementResult placement,
            EnforcementPlan plan, ConfigLines lines) {
        SortedMap<String, String> colours = new TreeMap<>();
        dataplanes.stream().map(Dataplane::name).sorted().forEach(d -> colours.put(d, PALETTE[colours.size() % PALETTE.length]));
        SortedMap<String, List<String>> reasons = SidecarReasons.of(placement);
        Baselines.Baseline every = Baselines.everyService(graph, policies, dataplanes);
        Baselines.Baseline plus = Baselines.istioPlusPlus(graph, policies, dataplanes);

        StringBuilder b = new StringBuilder();
        String title = "Copper build report: " + graph.name();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n");
        b.append("<style>\nbody{font-family:sans-serif;margin:2em;color:#222}\ntable{border-collapse:collapse;margin:1em 0}\n"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\ntd.n{text-align:right}\n"
                + "ul{margin:0;padding-left:1.2em}\n</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p>").append(graph.size()).append(" services, ").append(graph.edgeCount()).append(" edges, ").append(policies.size())
                .append(" policies; dataplanes on offer: ");
        List<String> offer = new ArrayList<>();
        dataplanes.stream().sorted(java.util.Comparator.comparing(Dataplane::name)).forEach(d -> offer.add(esc(d.name()) + " (cost " + d.cost()
                + (d.perLoad() == 0 ? "" : " + " + d.perLoad() + " per unit of load") + ")"));
        b.append(String.join(", ", offer)).append(".</p>\n");

        b.append("<h2>Cost</h2>\n<table>\n<tr><th>placement</th><th>sidecars</th><th>cost</th><th>Wire saves</th></tr>\n");
        costRow(b, "Wire" + (placement.optimal() ? " (optimal)" : ""), placement.sidecarCount(), placement.cost(), placement.cost());
        costRow(b, "Istio++ (a sidecar wherever a policy runs, plus every service forwarding context)", plus.sidecars().size(), plus.cost(),
                placement.cost());
        costRow(b, "Istio today (a sidecar at every service)", every.sidecars().size(), every.cost(), placement.cost());
        b.append("</table>\n<p>Baseline sidecars get the cheapest dataplane on offer that supports every policy running at the service"
                + " (where none does, the most expensive on offer).</p>\n");

        b.append("<h2>Service graph</h2>\n");
        svg(b, GraphLayout.of(graph), placement.sidecars(), colours);

        // with costs that follow load, each sidecar's cost is shown as fixed + load × per unit = total
        boolean byLoad = !placement.sidecarCosts().isEmpty();
        b.append("<h2>Sidecars</h2>\n<table>\n<tr><th>service</th><th>dataplane</th>").append(byLoad ? "<th>cost (fixed + load × per unit)</th>" : "")
                .append("<th>why</th><th>runs</th></tr>\n");
        for (Map.Entry<String, List<String>> e : reasons.entrySet()) {
            String dp = placement.sidecars().get(e.getKey());
            b.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(dp)).append("</td>");
            if (byLoad) {
                b.append("<td class=\"n\">").append(esc(placement.sidecarCosts().get(e.getKey()).explain())).append("</td>");
            }
            b.append("<td><ul>");
            e.getValue().forEach(r -> b.append("<li>").append(esc(r)).append("</li>"));
            b.append("</ul></td><td><ul>");
            SidecarPlan sp = plan.sidecars().get(e.getKey());
            if (sp != null) {
                sp.egress().forEach(r -> b.append("<li>").append(esc(rule("egress", r))).append("</li>"));
                sp.ingress().forEach(r -> b.append("<li>").append(esc(rule("ingress", r))).append("</li>"));
            }
            b.append("</ul></td></tr>\n");
        }
        b.append("</table>\n");
        if (lines != null) {
            b.append("<h2>Lines of configuration: Copper against Istio</h2>\n<table>\n"
                    + "<tr><th>policy</th><th>Copper lines</th><th>Istio lines</th><th>Istio / Copper</th></tr>\n");
            lines.rows().forEach((p, r) -> b.append("<tr><td>").append(esc(p)).append("</td><td class=\"n\">").append(r.copper())
                    .append("</td><td class=\"n\">").append(r.istio()).append("</td><td class=\"n\">")
                    .append(ConfigLines.ratio(r.copper(), r.istio())).append("</td></tr>\n"));
            b.append("<tr><th>total</th><td class=\"n\">").append(lines.copperTotal()).append("</td><td class=\"n\">")
                    .append(lines.istioTotal()).append("</td><td class=\"n\">").append(ConfigLines.ratio(lines.copperTotal(), lines.istioTotal()))
                    .append("</td></tr>\n</table>\n<p>Copper lines: each policy's declaration. Istio lines: the YAML of the routes,"
                            + " subsets and filter patches generated for the policy; the total counts every Istio resource written,"
                            + " with its own header.</p>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static String rule(String queue, Rule r) {
        return r.policy().name() + " on " + queue + ", calls " + String.join(", ", r.callers()) + " -> " + r.destination();
    }

    private static void costRow(StringBuilder b, String name, int sidecars, long cost, long wire) {
        String saves = cost == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * (cost - wire) / cost);
        b.append("<tr><td>").append(esc(name)).append("</td><td class=\"n\">").append(sidecars).append("</td><td class=\"n\">").append(cost)
                .append("</td><td class=\"n\">").append(name.startsWith("Wire") ? "" : saves).append("</td></tr>\n");
    }

    private static void svg(StringBuilder b, GraphLayout.Layout layout, SortedMap<String, String> sidecars, SortedMap<String, String> colours) {
        double legendHeight = 24.0 * (colours.size() + 1) + 16;
        double width = Math.max(layout.width(), 260), height = layout.height() + legendHeight;
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height)).append("\" font-family=\"monospace\" font-size=\"12\">\n");
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        for (GraphLayout.Route r : layout.routes()) {
            StringBuilder pts = new StringBuilder();
            for (double[] p : r.points()) {
                pts.append(pts.isEmpty() ? "" : " ").append(num(p[0])).append(',').append(num(p[1]));
            }
            b.append("<polyline class=\"edge\" points=\"").append(pts).append("\" fill=\"none\" stroke=\"#555\" marker-end=\"url(#arrow)\"><title>")
                    .append(esc(r.from() + " -> " + r.to())).append("</title></polyline>\n");
        }
        for (Map.Entry<String, GraphLayout.Box> e : layout.boxes().entrySet()) {
            GraphLayout.Box box = e.getValue();
            String dp = sidecars.get(e.getKey());
            String fill = dp == null ? NO_SIDECAR : colours.getOrDefault(dp, "#999999");
            b.append("<g class=\"service\" data-service=\"").append(esc(e.getKey())).append("\" data-dataplane=\"").append(esc(dp == null ? "" : dp))
                    .append("\"><title>").append(esc(e.getKey() + (dp == null ? ": no sidecar" : ": " + dp + " sidecar"))).append("</title>");
            b.append("<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"").append(num(box.width()))
                    .append("\" height=\"").append(num(box.height())).append("\" rx=\"8\" fill=\"").append(fill).append("\" stroke=\"#333\"/>");
            b.append("<text x=\"").append(num(box.x() + box.width() / 2)).append("\" y=\"").append(num(box.y() + box.height() / 2 + 4))
                    .append("\" text-anchor=\"middle\" fill=\"").append(dp == null ? "#222" : "#fff").append("\">").append(esc(e.getKey()))
                    .append("</text></g>\n");
        }
        double y = layout.height() + 16;
        b.append("<g class=\"legend\">\n");
        legend(b, y, NO_SIDECAR, "no sidecar");
        for (Map.Entry<String, String> c : colours.entrySet()) {
            y += 24;
            legend(b, y, c.getValue(), c.getKey() + " sidecar");
        }
        b.append("</g>\n</svg>\n");
    }

    private static void legend(StringBuilder b, double y, String fill, String label) {
        b.append("<rect x=\"20\" y=\"").append(num(y)).append("\" width=\"16\" height=\"16\" rx=\"3\" fill=\"").append(fill)
                .append("\" stroke=\"#333\"/><text x=\"44\" y=\"").append(num(y + 12)).append("\">").append(esc(label)).append("</text>\n");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes text for HTML and XML (SVG) alike: element content and double- or single-quoted attributes. */
    static String esc(String s) {
        StringBuilder o = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> o.append("&amp;");
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }
}
