package org.copper.build;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.copper.lang.api.CopperWorkspace;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.wire.deploy.FileTree;
import org.wire.deploy.istio.IstioBackend;

/**
 * The paper's Table 3 on our own output: per policy the lines of its Copper declaration against the lines of the
 * Istio resources generated for it (from the Istio back end's {@code istio/lines.json}), and in total.
 *
 * @param rows         policy name to its two counts; only policies that Istio runs
 * @param copperTotal  Copper lines of those policies
 * @param istioTotal   lines of all Istio resources written (the per-policy rows leave out each resource's own header)
 */
public record ConfigLines(SortedMap<String, Row> rows, int copperTotal, int istioTotal) {
    public record Row(int copper, int istio) {}

    public ConfigLines {
        rows = Collections.unmodifiableSortedMap(new TreeMap<>(rows));
    }

    /** Lines of each policy's declaration, from {@code policy} to its closing brace. */
    static SortedMap<String, Integer> copperLines(CopperWorkspace ws) {
        TreeMap<String, Integer> out = new TreeMap<>();
        for (CopperWorkspace.LoadedPolicy p : ws.policies()) {
            ICompositeNode n = NodeModelUtils.getNode(p.policy());
            if (n != null) {
                out.put(p.policy().getName(), n.getEndLine() - n.getStartLine() + 1);
            }
        }
        return out;
    }

    /** Null when the build has no Istio output. */
    static ConfigLines of(SortedMap<String, Integer> copper, FileTree files) {
        if (!files.contains(IstioBackend.LINES)) {
            return null;
        }
        JsonObject o = JsonParser.parseString(files.text(IstioBackend.LINES)).getAsJsonObject();
        TreeMap<String, Row> rows = new TreeMap<>();
        int copperTotal = 0;
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("policies").entrySet()) {
            int c = copper.getOrDefault(e.getKey(), 0);
            rows.put(e.getKey(), new Row(c, e.getValue().getAsJsonObject().get("istio_lines").getAsInt()));
            copperTotal += c;
        }
        return new ConfigLines(rows, copperTotal, o.get("total_istio_lines").getAsInt());
    }

    static String ratio(int copper, int istio) {
        return copper == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.2f×", (double) istio / copper);
    }

    /** The table as UTF-8 bytes of a small Markdown file, for the docs. */
    byte[] markdown() {
        StringBuilder b = new StringBuilder("| policy | Copper lines | Istio lines | Istio / Copper |\n|---|---:|---:|---:|\n");
        rows.forEach((p, r) -> b.append("| ").append(p).append(" | ").append(r.copper()).append(" | ").append(r.istio()).append(" | ")
                .append(ratio(r.copper(), r.istio())).append(" |\n"));
        b.append("| **total** | ").append(copperTotal).append(" | ").append(istioTotal).append(" | ").append(ratio(copperTotal, istioTotal))
                .append(" |\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
