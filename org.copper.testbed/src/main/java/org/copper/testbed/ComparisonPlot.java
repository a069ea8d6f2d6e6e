package org.copper.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Two line charts in one SVG: p99 latency and CPU of sidecars + add-on against the offered rate, one line per deployment. */
final class ComparisonPlot {
    private static final String[] COLORS = { "#d62728", "#ff7f0e", "#2ca02c" };
    private static final int W = 420, H = 300, PAD = 55;

    private ComparisonPlot() {}

    static String svg(List<Comparison.Point> points, int[] rates) {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(2 * W).append("\" height=\"").append(H + 40)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(b, 0, "p99 latency (ms)", points, rates, Comparison.Point::p99Ms);
        panel(b, W, "CPU of sidecars + add-on (cores)", points, rates, p -> p.sidecarCores() + p.addonCores());
        int x = 60;
        for (int i = 0; i < DeploymentKind.values().length; i++) {
            DeploymentKind k = DeploymentKind.values()[i];
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n", x,
                    H + 20, COLORS[i], x + 16, H + 25, k.title));
            x += 200;
        }
        return b.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder b, int x0, String title, List<Comparison.Point> points, int[] rates, ToDoubleFunction<Comparison.Point> y) {
        double max = points.stream().mapToDouble(y).filter(Double::isFinite).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.1;
        int maxRate = rates[rates.length - 1];
        int left = x0 + PAD, right = x0 + W - 15, top = 25, bottom = H - 25;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" font-size=\"13\">%s</text>%n", left, title));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, bottom, right, bottom));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top, left, bottom));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double py = bottom - (bottom - top) * t / 4.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 4, py + 4, fmt(v)));
        }
        for (int r : rates) {
            double px = left + (right - left) * (double) r / maxRate;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", px, bottom + 14, r));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered requests/s</text>%n", (left + right) / 2, bottom + 26));
        for (int i = 0; i < DeploymentKind.values().length; i++) {
            String name = DeploymentKind.values()[i].title;
            List<String> pts = new ArrayList<>();
            for (Comparison.Point p : points) {
                if (p.deployment().equals(name) && Double.isFinite(y.applyAsDouble(p))) {
                    pts.add(String.format(Locale.ROOT, "%.1f,%.1f", left + (right - left) * (double) p.rate() / maxRate,
                            bottom - (bottom - top) * y.applyAsDouble(p) / max));
                }
            }
            if (!pts.isEmpty()) {
                b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", COLORS[i],
                        String.join(" ", pts)));
            }
        }
    }

    private static String fmt(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
