package org.copper.testbed;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.copper.build.Baselines;
import org.copper.build.BuildException;
import org.copper.build.BuildPipeline;
import org.copper.build.ProjectFile;
import org.copper.lang.api.CopperWorkspace;
import org.wire.deploy.FileTree;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.graph.ServiceGraph;
import org.wire.placement.experiment.StandardDataplanes;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/**
 * Runs the real build ({@link BuildPipeline}) for each deployment, all with HAProxy as the only dataplane. Wire's
 * deployment is the project as it is; a baseline is the same project with {@code requireSidecar} set to the
 * baseline's services (the report's {@link Baselines}), built from a copy in the work directory, so the example is
 * never edited.
 */
final class DeploymentBuilder {
    static final String DATAPLANES = "haproxy=1";

    private DeploymentBuilder() {}

    static Deployment build(Path project, ServiceGraph graph, DeploymentKind kind, Path work) throws TestbedException {
        Path dir = project;
        SortedSet<String> want = null;
        if (kind != DeploymentKind.WIRE_EBPF) {
            want = baseline(project, graph, kind);
            dir = work.resolve("project-" + kind.id);
            copyProject(project, dir, want);
        }
        BuildPipeline.Result r;
        try {
            r = BuildPipeline.build(dir, DATAPLANES, null);
        } catch (BuildException e) {
            throw new TestbedException("./copper build " + dir + " failed: " + e.getMessage());
        }
        SortedSet<String> sidecars = new TreeSet<>(r.placement().sidecars().keySet());
        if (want != null && !sidecars.equals(want)) {
            throw new TestbedException(kind.title + ": the build placed sidecars at " + sidecars + ", the baseline has " + want);
        }
        FileTree files = r.files();
        SortedMap<String, String> configs = new TreeMap<>();
        for (String s : sidecars) {
            configs.put(s, files.text("haproxy/" + s + "/haproxy.cfg"));
        }
        Type t = new TypeToken<Map<String, Integer>>() {}.getType();
        Map<String, Integer> ids = new Gson().fromJson(files.text("ebpf/service-ids.json"), t);
        return new Deployment(kind, sidecars, configs, ids, files.text("ebpf/deployment.txt"));
    }

    private static SortedSet<String> baseline(Path project, ServiceGraph graph, DeploymentKind kind) throws TestbedException {
        List<Policy> policies;
        try {
            CopperWorkspace ws = CopperWorkspace.load(List.of(project));
            ws.checkAgainst(graph);
            if (ws.hasErrors()) {
                throw new TestbedException(project + ": the policies have errors; run ./copper build " + project);
            }
            policies = ws.lowerPolicies();
        } catch (IOException e) {
            throw new TestbedException(project + ": cannot read the policies: " + e.getMessage());
        }
        List<Dataplane> dps = StandardDataplanes.parse(DATAPLANES, CopperWorkspace::builtinDataplane);
        Baselines.Baseline b = kind == DeploymentKind.EVERY_SERVICE ? Baselines.everyService(graph, policies, dps)
                : Baselines.istioPlusPlus(graph, policies, dps);
        return new TreeSet<>(b.sidecars().keySet());
    }

    /** The project's policy and interface files, and its copper.json with the graph made absolute and requireSidecar set. */
    private static void copyProject(Path project, Path to, SortedSet<String> sidecars) throws TestbedException {
        try {
            Files.createDirectories(to);
            try (Stream<Path> s = Files.walk(project)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String n = f.getFileName().toString();
                    Path rel = project.relativize(f);
                    if ((n.endsWith(".cup") || n.endsWith(".cui")) && !rel.startsWith("out")) {
                        Files.createDirectories(to.resolve(rel).getParent());
                        Files.copy(f, to.resolve(rel));
                    }
                }
            }
            ProjectFile pf = ProjectFile.read(project);
            JsonObject json = JsonParser.parseString(Files.readString(project.resolve(ProjectFile.FILE_NAME), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            json.addProperty("graph", pf.graph().toAbsolutePath().toString());
            if (Files.isRegularFile(pf.serviceIds())) {
                json.addProperty("serviceIds", pf.serviceIds().toAbsolutePath().toString());
            }
            JsonArray req = new JsonArray();
            sidecars.forEach(req::add);
            json.add("requireSidecar", req);
            json.remove("forbidSidecar");
            Files.writeString(to.resolve(ProjectFile.FILE_NAME), json.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TestbedException(to + ": cannot prepare the baseline project: " + e.getMessage());
        } catch (BuildException e) {
            throw new TestbedException(e.getMessage());
        }
    }
}
