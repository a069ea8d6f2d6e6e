package org.copper.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One h2load run and what it measured: latencies from its per-request log (so percentiles, which h2load's summary
 * lacks), successful responses per second over the run.
 */
record LoadRun(int requested, int ok, int failed, double seconds, double p50Ms, double p99Ms) {
    double throughput() {
        return ok / seconds;
    }

    /**
     * Open loop: {@code clients} connections, each issuing {@code rate / clients} requests per second whatever the
     * answers do (up to {@code streams} outstanding per connection), for {@code seconds}.
     */
    static LoadRun run(Tools tools, Path log, int rate, int clients, int streams, int seconds, List<String> headers, List<String> urls)
            throws TestbedException {
        List<String> cmd = new ArrayList<>(List.of(tools.h2load().toString(), "-c", String.valueOf(clients), "-m", String.valueOf(streams),
                "--rps", String.valueOf(Math.max(1, rate / clients)), "-D", String.valueOf(seconds), "--log-file", log.toString()));
        for (String h : headers) {
            cmd.add("-H");
            cmd.add(h);
        }
        cmd.addAll(urls);
        return parse(Processes.run(cmd, seconds + 120L), log, seconds);
    }

    /** Closed loop: one connection, one request at a time, {@code n} requests. */
    static LoadRun sequential(Tools tools, Path log, int n, String url) throws TestbedException {
        long t0 = System.nanoTime();
        Processes.Result r = Processes.run(List.of(tools.h2load().toString(), "-c", "1", "-m", "1", "-n", String.valueOf(n), "--log-file", log.toString(),
                url), 300);
        return parse(r, log, (System.nanoTime() - t0) / 1e9);
    }

    static LoadRun parse(Processes.Result r, Path log, double seconds) throws TestbedException {
        if (r.code() != 0) {
            throw new TestbedException("h2load failed: " + r.output().strip());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            throw new TestbedException("h2load wrote no log " + log + ": " + e.getMessage());
        }
        long[] lat = new long[lines.size()];
        int ok = 0, failed = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length >= 3 && f[1].startsWith("2")) {
                lat[ok++] = Long.parseLong(f[2].strip());
            } else {
                failed++;
            }
        }
        long[] l = Arrays.copyOf(lat, ok);
        Arrays.sort(l);
        int requested = requested(r.output());
        return new LoadRun(requested, ok, failed + Math.max(0, requested - ok - failed), seconds, pct(l, 0.50) / 1000.0, pct(l, 0.99) / 1000.0);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** "requests: 400 total, ..." */
    private static int requested(String out) {
        for (String line : out.split("\n")) {
            if (line.startsWith("requests: ")) {
                return Integer.parseInt(line.substring(10, line.indexOf(' ', 10)));
            }
        }
        return 0;
    }
}
