package org.wire.placement.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.graph.WireInputException;

class AlibabaTraceImporterTest {
    @TempDir
    Path out;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(AlibabaTraceImporterTest.class.getResource("/alibaba/" + name).toURI());
    }

    @Test
    void v2021GroupsTracesByRootCaller() throws Exception {
        List<Path> files = AlibabaTraceImporter.importCsv(resource("MSCallGraph_sample.csv"), out);
        assertEquals(List.of(out.resolve("MS_gateway.json"), out.resolve("MS_search.json")), files);
        ServiceGraph gw = GraphJsonReader.read(files.get(0));
        assertEquals(List.of("DB_orders", "MC_prices", "MS_gateway", "MS_orders", "MS_pricing", "MS_users"), gw.services());
        assertEquals(Set.of("DB_orders", "MC_prices"), gw.databases());
        assertTrue(gw.hasEdge(gw.indexOf("MS_orders"), gw.indexOf("MS_users")) && gw.hasEdge(gw.indexOf("MS_users"), gw.indexOf("MS_orders")));
        assertEquals(7, gw.edgeCount());
        ServiceGraph search = GraphJsonReader.read(files.get(1));
        assertEquals(2, search.edgeCount()); // UNKNOWN callee and the self-call are skipped
        assertEquals(List.of("DB_index", "MS_index", "MS_search"), search.services());
    }

    @Test
    void callCountsBecomeEachServicesLoad() throws Exception {
        List<Path> files = AlibabaTraceImporter.importCsv(resource("MSCallGraph_sample.csv"), out);
        // calls per callee: the external USER calls into the gateway count, the UNKNOWN callee does not
        assertEquals(java.util.Map.of("DB_orders", 1L, "MC_prices", 1L, "MS_gateway", 2L, "MS_orders", 2L, "MS_pricing", 1L, "MS_users", 2L),
                GraphJsonReader.read(files.get(0)).loads());
        // the self-call is a call into MS_index; the root MS_search is called by nobody
        assertEquals(java.util.Map.of("DB_index", 1L, "MS_index", 2L), GraphJsonReader.read(files.get(1)).loads());
        assertTrue(Files.readString(files.get(1)).contains("\"load\": {\n    \"DB_index\": 1,\n    \"MS_index\": 2\n  }"),
                Files.readString(files.get(1)));
        List<Path> v2022 = AlibabaTraceImporter.importCsv(resource("CallGraph_sample.csv"), out.resolve("v2022"));
        ServiceGraph shop = GraphJsonReader.read(v2022.get(1));
        assertEquals(1L, shop.load(shop.indexOf("MS_cart")));
        assertEquals(0L, shop.load(shop.indexOf("MS_front")));
    }

    @Test
    void v2022GroupsByServiceColumn() throws Exception {
        List<Path> files = AlibabaTraceImporter.importCsv(resource("CallGraph_sample.csv"), out);
        assertEquals(List.of(out.resolve("S_pay.json"), out.resolve("S_shop.json")), files);
        ServiceGraph shop = GraphJsonReader.read(files.get(1));
        assertEquals(4, shop.edgeCount());
        assertEquals(Set.of("MC_cart"), shop.databases());
        assertEquals(List.of("MS_front"), List.of(shop.service(shop.entries()[0])));
        ServiceGraph pay = GraphJsonReader.read(files.get(0));
        assertTrue(pay.hasEdge(pay.indexOf("MS_pay-gw"), pay.indexOf("MS_ledger")));
    }

    @Test
    void badLineIsReportedWithItsNumberAndNothingIsWritten() throws Exception {
        Path csv = out.resolve("bad.csv");
        Files.writeString(csv, ",timestamp,traceid,rpcid,um,rpctype,interface,dm,rt\n0,0,T,0.1,A,rpc,i,B,1\n1,1,T,0.2,A,rpc\n");
        Path dir = out.resolve("graphs");
        WireInputException e = assertThrows(WireInputException.class, () -> AlibabaTraceImporter.importCsv(csv, dir));
        assertTrue(e.getMessage().contains("bad.csv:3:"), e.getMessage());
        assertTrue(!Files.exists(dir));
    }

    @Test
    void unknownHeaderIsRejected() throws Exception {
        Path csv = out.resolve("x.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n");
        WireInputException e = assertThrows(WireInputException.class, () -> AlibabaTraceImporter.importCsv(csv, out));
        assertTrue(e.getMessage().contains("'um'"), e.getMessage());
    }

    @Test
    void importedGraphsRunThroughTheExperiment() throws Exception {
        AlibabaTraceImporter.importCsv(resource("CallGraph_sample.csv"), out);
        List<ExperimentRow> rows = ExperimentRunner.run(out, PolicySet.P1P2, StandardDataplanes.parse("istio=10,cilium=4"), false);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(ExperimentRow::optimal));
        String json = ExperimentReport.json(rows);
        com.google.gson.JsonObject first = com.google.gson.JsonParser.parseString(json).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("S_pay", first.get("graph").getAsString(), json);
        assertEquals(3, first.get("services").getAsInt(), json);
        assertEquals(2, first.get("edges").getAsInt(), json);
        String table = ExperimentReport.table(rows);
        assertTrue(table.contains("median") && table.contains("S_shop"), table);
    }
}
