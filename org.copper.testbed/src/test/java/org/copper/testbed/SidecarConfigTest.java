package org.copper.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.copper.build.ProjectFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;

/** The generated Hotel Reservation sidecars, placed into pods of the loopback network (the real build's output). */
class SidecarConfigTest {
    static Path project = Path.of(System.getProperty("copper.examples", "../examples"), "hotel-reservation");
    static Deployment wire;
    static PodNetwork net;

    @BeforeAll
    static void build(@TempDir Path work) throws Exception {
        ProjectFile pf = ProjectFile.read(project);
        ServiceGraph graph = GraphJsonReader.read(pf.graph());
        wire = DeploymentBuilder.build(project, graph, DeploymentKind.WIRE_EBPF, work);
        net = new PodNetwork(graph, pf, List.of(wire), 1);
    }

    @Test
    void everyServiceGetsAPodAndTheRoutedServiceTwo() throws Exception {
        assertEquals(18, net.instances.size(), "17 services, geo twice (v1, v2)");
        Set<String> addresses = new HashSet<>();
        net.instances.forEach(i -> assertTrue(addresses.add(i.address()), "address used twice: " + i));
        assertEquals("geo", net.host("geo-v1").name());
        assertEquals("geo-v2", net.host("geo-v2").name());
        assertEquals("v2", net.host("geo-v2").version());
        assertEquals(net.primary("geo"), net.host("geo"));
        assertThrows(TestbedException.class, () -> net.host("geo-v3"));
    }

    @Test
    void searchSidecarBindsOnItsPodAndReachesCalleesPods() throws Exception {
        Instance search = net.primary("search");
        String cfg = SidecarConfig.place(wire.configs().get("search"), search, net, null);
        Matcher binds = Pattern.compile("bind (\\S+):(\\d+) proto h2").matcher(cfg);
        int n = 0;
        while (binds.find()) {
            assertEquals(search.address(), binds.group(1));
            n++;
        }
        assertEquals(3, n, "ingress, to_geo, to_rate");
        assertTrue(cfg.contains("server app " + search.address() + ":8081 proto h2"));
        assertTrue(cfg.contains("server geo-v2 " + net.host("geo-v2").address() + ":8080 proto h2"), cfg);
        assertTrue(cfg.contains("server geo-v1 " + net.primary("geo").address() + ":8080 proto h2"));
        assertTrue(cfg.contains("server rate " + net.primary("rate").address() + ":8080 proto h2"));
        assertFalse(cfg.contains("x-copper-ctx \"%["), "no forwarding line without a token");
        // everything but addresses is the generated text
        assertEquals(strip(wire.configs().get("search")), strip(cfg));
    }

    @Test
    void baselinesAppendTheTokenBeforeEveryEgressRule() throws Exception {
        Instance search = net.primary("search");
        String cfg = SidecarConfig.place(wire.configs().get("search"), search, net, "00G");
        List<String> lines = cfg.lines().toList();
        int appended = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("set-header x-copper-ctx")) {
                appended++;
                assertTrue(lines.get(i - 1).contains("bind " + search.address() + ":150"), "right after an egress bind: " + lines.get(i - 1));
                assertTrue(lines.get(i).endsWith("\"%[req.fhdr(x-copper-ctx)]00G\""));
            }
        }
        assertEquals(2, appended, "one per egress frontend, none at ingress");
    }

    @Test
    void unknownBindOrServerShapeIsAnError() {
        Instance search = net.primary("search");
        assertThrows(TestbedException.class, () -> SidecarConfig.place("frontend x\n    bind 10.0.0.1:80\n", search, net, null));
        assertThrows(TestbedException.class, () -> SidecarConfig.place("backend x\n    server s unknown-host:80 proto h2\n", search, net, null));
    }

    /** The text without addresses, to compare a placed configuration with the generated one. */
    private static String strip(String cfg) {
        return cfg.replaceAll("(bind|server \\S+) \\S*:(\\d+)", "$1 ADDR:$2");
    }
}
