package org.copper.build;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.api.CopperWorkspace;
import org.wire.deploy.DataplaneBackend;
import org.wire.deploy.DeploySettings;
import org.wire.deploy.DeploymentInput;
import org.wire.deploy.FileTree;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.deploy.ebpf.EbpfDeployment;
import org.wire.model.Dataplane;
import org.wire.model.SidecarCost;
import org.wire.model.Policy;
import org.wire.model.SourceLocation;
import org.wire.model.ctx.ServiceIds;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.graph.WireInputException;
import org.wire.model.placement.PlacementJsonWriter;
import org.wire.model.placement.PlacementResult;
import org.wire.model.plan.EnforcementPlan;
import org.wire.placement.Wire;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.placement.place.PlacementException;
import org.wire.placement.place.PlacementOptions;
import org.wire.placement.plan.EnforcementPlanner;

/**
 * The one build pipeline: project file → check (with the graph) → lower → place → plan → back ends → files.
 * {@link #build} produces the files in memory; {@link #buildInto} also writes them, atomically. The CLI, the
 * language server and the Maven plugin call these; none of them orders the steps itself.
 */
public final class BuildPipeline {
    /** Where the placement JSON goes in the output (without timings, so builds are byte-identical). */
    public static final String PLACEMENT = "placement.json";

    /** The human-readable report: graph picture, why each sidecar, cost against the baselines. */
    public static final String REPORT = "report.html";

    private BuildPipeline() {}

    /**
     * What a build produced.
     *
     * @param warnings the policies' warnings (errors end the build with {@link PolicyErrorsException})
     */
    public record Result(FileTree files, PlacementResult placement, EnforcementPlan plan, List<CopperDiagnostic> warnings) {}

    /**
     * @param dataplanesOverride null, or e.g. {@code istio=10,cilium=4}: replaces the project file's dataplanes
     * @param previousOutput     null, or the last output directory: its service ids are kept when the project has none
     */
    public static Result build(Path projectDir, String dataplanesOverride, Path previousOutput) throws BuildException {
        return build(ProjectFile.read(projectDir), projectDir, dataplanesOverride, previousOutput);
    }

    /**
     * Checks the policies under {@code policies} against the project's graph, without placing them.
     *
     * @return the warnings (errors end the check with {@link PolicyErrorsException})
     */
    public static List<CopperDiagnostic> check(ProjectFile project, Path policies) throws BuildException {
        return checked(readGraph(project.graph()), policies).diagnostics();
    }

    /**
     * The build of a project whose policies need not sit beside its project file (the Maven plugin's layout).
     *
     * @param policyDir the directory of the {@code .cup} and {@code .cui} files
     */
    public static Result build(ProjectFile project, Path policyDir, String dataplanesOverride, Path previousOutput) throws BuildException {
        Placed placed = place(project, policyDir, dataplanesOverride);
        ServiceGraph graph = placed.graph();
        List<Dataplane> dataplanes = placed.dataplanes();
        CopperWorkspace ws = placed.workspace();
        List<Policy> policies = placed.policies();
        PlacementOptions options = placed.options();
        PlacementResult placement = placed.placement();
        if (!placement.optimal()) {
            // a build only ships a placement it can call the cheapest
            throw new BuildException("placement not proven optimal within the time budget; nothing built");
        }
        ServiceIds ids = previousIds(project, previousOutput).extend(graph.services());
        EnforcementPlan plan = EnforcementPlanner.plan(graph, policies, placement, ids, options.entryOriginsOnly());
        DeploySettings settings = settings(project, graph);
        DeploymentInput input = new DeploymentInput(graph, policies, placement, plan, settings);
        FileTree files = new FileTree();
        files.put(PLACEMENT, PlacementJsonWriter.toJson(placement, false));
        new EbpfDeployment().render(input, files);
        TreeMap<String, DataplaneBackend> backends = new TreeMap<>();
        ServiceLoader.load(DataplaneBackend.class, BuildPipeline.class.getClassLoader()).forEach(b -> backends.put(b.dataplane(), b));
        RegexLimits.check(plan, backends);
        for (String used : new TreeSet<>(placement.sidecars().values())) {
            DataplaneBackend backend = backends.get(used);
            if (backend == null) {
                throw new BuildException("Wire placed " + used + " sidecars, but there is no " + used + " back end yet (back ends: "
                        + (backends.isEmpty() ? "none" : String.join(", ", backends.keySet())) + "); offer only those dataplanes");
            }
            try {
                backend.render(input, files);
            } catch (UnsupportedPolicyException e) {
                throw new UnbuildablePolicyException(e.getMessage());
            }
        }
        // the report last: it shows what the back ends wrote (Table 3 from the Istio back end's line counts)
        files.put(REPORT, BuildReport.render(graph, policies, dataplanes, placement, plan, ConfigLines.of(ConfigLines.copperLines(ws), files)));
        List<CopperDiagnostic> warnings = ws.diagnostics();
        return new Result(files, placement, plan, warnings);
    }

    /** The steps up to and including Wire's placement, and what they read. */
    public record Placed(ServiceGraph graph, List<Dataplane> dataplanes, CopperWorkspace workspace, List<Policy> policies,
            PlacementOptions options, PlacementResult placement) {}

    /**
     * Project file → check (with the graph) → lower → place: the first half of {@link #build}, for callers that
     * want the placement only (the language server's placement lenses). The placement may be unproven.
     *
     * @param policyDir the directory of the {@code .cup} and {@code .cui} files
     */
    public static Placed place(ProjectFile project, Path policyDir, String dataplanesOverride) throws BuildException {
        return place(project, policyDir, dataplanesOverride, null);
    }

    /**
     * As {@link #place(ProjectFile, Path, String)}, re-placing through {@code again} (kept by the caller between calls
     * for one project) so that only what changed is matched again; {@code null} places from scratch.
     */
    public static Placed place(ProjectFile project, Path policyDir, String dataplanesOverride, RePlacement again) throws BuildException {
        ServiceGraph graph = withProjectLoads(readGraph(project.graph()), project);
        List<Dataplane> dataplanes = dataplanes(project, dataplanesOverride);
        String tooDear = SidecarCost.checkBounds(dataplanes, graph);
        if (tooDear != null) {
            throw new BuildException(project.file() + ": " + tooDear);
        }
        CopperWorkspace ws = checked(graph, policyDir);
        // generated files name a policy's origin relative to the policy directory: the same bytes in every checkout
        List<Policy> policies = ws.lowerPolicies().stream().map(p -> relativeOrigin(policyDir, p)).toList();
        if (policies.isEmpty()) {
            throw new BuildException(policyDir + ": the policy files declare no policy: nothing to build");
        }
        PlacementOptions options = PlacementOptions.defaults().withMustHaveSidecar(known(graph, project.requireSidecar(), "requireSidecar", project))
                .withMustNotHaveSidecar(known(graph, project.forbidSidecar(), "forbidSidecar", project));
        PlacementResult placement;
        try {
            placement = again == null ? Wire.place(graph, policies, dataplanes, options) : again.place(graph, policies, dataplanes, options);
        } catch (PlacementException e) {
            throw new UnbuildablePolicyException(e.getMessage());
        }
        return new Placed(graph, dataplanes, ws, policies, options, placement);
    }

    private static Policy relativeOrigin(Path projectDir, Policy p) {
        Path file = Path.of(p.origin().file());
        Path base = projectDir.toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        String shown = (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
        return new Policy(p.name(), p.actType(), p.actVar(), p.states(), p.pattern(), p.form(), p.sections(), p.actions(), p.free(),
                new SourceLocation(shown, p.origin().line(), p.origin().column()));
    }

    private static CopperWorkspace checked(ServiceGraph graph, Path policies) throws BuildException {
        CopperWorkspace ws;
        try {
            ws = CopperWorkspace.load(List.of(policies));
        } catch (IOException e) {
            throw new BuildException(policies + ": cannot read the policies: " + e.getMessage());
        }
        if (ws.fileCount() == 0) {
            throw new BuildException(policies + ": no .cup policy files here: nothing to build");
        }
        if (!ws.hasErrors()) {
            ws.checkAgainst(graph);
        }
        if (ws.hasErrors()) {
            throw new PolicyErrorsException(ws.diagnostics());
        }
        return ws;
    }

    /** Builds and replaces {@code out} with the result; nothing is written when any step fails. */
    public static Result buildInto(Path projectDir, String dataplanesOverride, Path out) throws BuildException {
        Result r = build(projectDir, dataplanesOverride, out);
        OutputDirectory.replace(out, r.files());
        return r;
    }

    static ServiceGraph readGraph(Path path) throws BuildException {
        try {
            return GraphJsonReader.read(path);
        } catch (WireInputException e) {
            throw new BuildException(e.getMessage());
        }
    }

    /** The graph with the project file's {@code load} entries over the graph file's loads. */
    private static ServiceGraph withProjectLoads(ServiceGraph graph, ProjectFile project) throws BuildException {
        for (String s : project.load().keySet()) {
            if (graph.indexOf(s) < 0) {
                throw new BuildException(project.file() + ": load." + s + ": no such service in the graph");
            }
        }
        return graph.withLoads(project.load());
    }

    private static List<Dataplane> dataplanes(ProjectFile project, String override) throws BuildException {
        String spec = override != null ? override
                : project.dataplanes().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + (project.perLoad().containsKey(e.getKey()) ? "+" + project.perLoad().get(e.getKey()) + "/load" : ""))
                        .collect(Collectors.joining(","));
        try {
            return StandardDataplanes.parse(spec, CopperWorkspace::builtinDataplane);
        } catch (IllegalArgumentException e) {
            throw new BuildException((override != null ? "--dataplanes" : project.file() + ": dataplanes") + ": "
                    + e.getMessage());
        }
    }

    private static TreeSet<String> known(ServiceGraph graph, List<String> services, String field, ProjectFile project) throws BuildException {
        List<String> unknown = services.stream().filter(s -> !graph.serviceSet().contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new BuildException(project.file() + ": " + field + ": no service " + String.join(", ", unknown)
                    + " in the graph");
        }
        return new TreeSet<>(services);
    }

    /** The project's id map if it has one, else the previous output's, else none. */
    private static ServiceIds previousIds(ProjectFile project, Path previousOutput) throws BuildException {
        for (Path p : previousOutput == null ? List.of(project.serviceIds()) : List.of(project.serviceIds(), previousOutput.resolve(EbpfDeployment.IDS))) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p))).toString();
                return ServiceIds.parse(text, p.toString());
            } catch (NoSuchFileException e) {
                continue;
            } catch (CharacterCodingException e) {
                throw new BuildException(p + ": not UTF-8 text");
            } catch (IOException e) {
                throw new BuildException(p + ": cannot read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new BuildException(e.getMessage());
            }
        }
        return ServiceIds.empty();
    }

    private static DeploySettings settings(ProjectFile project, ServiceGraph graph) throws BuildException {
        SortedMap<String, DeploySettings.Endpoint> endpoints = new TreeMap<>();
        for (String unknown : project.endpoints().keySet()) {
            if (!graph.serviceSet().contains(unknown)) {
                throw new BuildException(project.file() + ": endpoints.services." + unknown + ": no such service in the graph");
            }
        }
        for (String s : graph.services()) {
            ProjectFile.EndpointEntry e = project.endpoints().get(s);
            String host = e != null && e.host() != null ? e.host() : s;
            int port = e != null && e.port() != null ? e.port() : project.defaultPort();
            int appPort = e != null && e.appPort() != null ? e.appPort() : project.defaultAppPort();
            if (port == appPort) {
                throw new BuildException(project.file() + ": endpoints: service " + s + " has port = appPort = " + port
                        + "; a sidecar needs the two to differ");
            }
            endpoints.put(s, new DeploySettings.Endpoint(host, port, appPort));
        }
        return new DeploySettings(project.namespace(), project.traceHeader(), endpoints);
    }

}
