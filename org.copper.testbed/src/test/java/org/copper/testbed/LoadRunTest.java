package org.copper.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Percentiles and counts from an h2load per-request log, against a plain sort of the same numbers. */
class LoadRunTest {
    @Test
    void percentilesCountsAndFailures(@TempDir Path dir) throws Exception {
        Random rnd = new Random(7);
        List<Long> ok = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 997; i++) {
            long us = 100 + rnd.nextInt(50_000);
            boolean fail = i % 100 == 0;
            log.append(1_700_000_000_000_000L + i).append('\t').append(fail ? 503 : 200).append('\t').append(us).append('\n');
            if (!fail) {
                ok.add(us);
            }
        }
        Path f = dir.resolve("h2load.log");
        Files.writeString(f, log);
        LoadRun r = LoadRun.parse(new Processes.Result(0, "finished in 10.00s\nrequests: 1000 total, 1000 started, 997 done\n"), f, 10.0);
        Collections.sort(ok);
        // nearest rank: the smallest value with at least p of the values at or below it
        assertEquals(ok.get((int) Math.ceil(0.5 * ok.size()) - 1) / 1000.0, r.p50Ms());
        assertEquals(ok.get((int) Math.ceil(0.99 * ok.size()) - 1) / 1000.0, r.p99Ms());
        assertEquals(ok.size(), r.ok());
        assertEquals(1000 - ok.size(), r.failed(), "10 answered 503, 3 never answered");
        assertEquals(ok.size() / 10.0, r.throughput(), 1e-9);
    }
}
