package org.wire.placement.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.wire.model.io.JsonText;

/** Renders experiment rows as a JSON array or as a table with a summary. */
public final class ExperimentReport {
    private ExperimentReport() {}

    /** A JSON array of {"graph","services","edges","cost","sidecars","optimal","solve_ms","without_sidecar_fraction"}. */
    public static String json(List<ExperimentRow> rows) {
        JsonArray a = new JsonArray();
        for (ExperimentRow r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("graph", r.graph());
            o.addProperty("services", r.services());
            o.addProperty("edges", r.edges());
            o.addProperty("cost", r.cost());
            o.addProperty("sidecars", r.sidecars());
            o.addProperty("optimal", r.optimal());
            o.addProperty("solve_ms", r.solveMs());
            // four decimals keep the file stable across platforms' double printing
            o.addProperty("without_sidecar_fraction", new java.math.BigDecimal(String.format(Locale.ROOT, "%.4f", r.withoutSidecarFraction())));
            a.add(o);
        }
        return JsonText.of(a);
    }

    /** A fixed-width table plus mean/median/max solve time and the median fraction of services without a sidecar. */
    public static String table(List<ExperimentRow> rows) {
        int w = Math.max(5, rows.stream().mapToInt(r -> r.graph().length()).max().orElse(5));
        StringBuilder b = new StringBuilder();
        String fmt = "%-" + w + "s %8s %6s %8s %8s %7s %9s %9s%n";
        b.append(String.format(Locale.ROOT, fmt, "graph", "services", "edges", "cost", "sidecars", "optimal", "solve_ms", "no_sidecar"));
        for (ExperimentRow r : rows) {
            b.append(String.format(Locale.ROOT, fmt, r.graph(), r.services(), r.edges(), r.cost(), r.sidecars(), r.optimal() ? "yes" : "NO", r.solveMs(),
                    String.format(Locale.ROOT, "%.1f%%", 100 * r.withoutSidecarFraction())));
        }
        b.append(summary(rows));
        return b.toString();
    }

    public static String summary(List<ExperimentRow> rows) {
        if (rows.isEmpty()) {
            return "no graphs\n";
        }
        double[] ms = rows.stream().mapToDouble(ExperimentRow::solveMs).toArray();
        double[] frac = rows.stream().mapToDouble(ExperimentRow::withoutSidecarFraction).toArray();
        long optimal = rows.stream().filter(ExperimentRow::optimal).count();
        return String.format(Locale.ROOT, "%d graphs (%d proven optimal): solve time mean %.1f ms, median %.1f ms, max %.0f ms; median %.1f%% of services without a sidecar%n",
                rows.size(), optimal, Arrays.stream(ms).average().orElse(0), median(ms), Arrays.stream(ms).max().orElse(0), 100 * median(frac));
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
