package org.copper.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

/** The chains the checks read out of a service's nested report. */
class ReportTreeTest {
    @Test
    void visitsCarryTheirChainAndTheStatusTheCallerGot() {
        var root = JsonParser.parseString("""
                {"s":"frontend","ctx":null,"calls":[
                  {"to":"search","status":200,"body":{"s":"search","ctx":"001","calls":[
                     {"to":"rate","status":200,"body":{"s":"rate","ctx":"00100G","origin":"search","calls":[]}}]}},
                  {"to":"profile","status":403,"body":"denied"}]}""").getAsJsonObject();
        var v = ReportTree.visits(root);
        assertEquals(List.of("frontend", "frontend>search", "frontend>search>rate", "frontend>profile"), v.stream().map(ReportTree.Visit::path).toList());
        assertEquals("search", v.get(2).field("origin"));
        assertNull(v.get(1).field("origin"));
        assertEquals(403, v.get(3).status());
        assertNull(v.get(3).report());
        assertEquals("rate", ReportTree.last(new Probe.Answer(200, root.getAsJsonArray("calls").get(0).getAsJsonObject().getAsJsonObject("body"))).service());
        assertEquals(502, ReportTree.last(new Probe.Answer(502, null)).status());
    }

    @Test
    void runsOfStatuses() {
        assertEquals("200x3, 403x2, 200x1", EnforcementChecks.runs(List.of(200, 200, 200, 403, 403, 200)));
    }
}
