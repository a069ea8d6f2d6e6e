package org.copper.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.copper.build.BuildException;
import org.copper.build.PolicyErrorsException;
import org.copper.build.ProjectFile;
import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.api.CopperWorkspace;
import org.wire.placement.experiment.StandardDataplanes;

/** What both goals are configured with, and how they report: diagnostics as {@code file:[line,column] message}. */
abstract class CopperMojo extends AbstractMojo {
    /** Where the {@code .cup} and {@code .cui} files are (any sub-folders). */
    @Parameter(property = "copper.sourceDirectory", defaultValue = "${project.basedir}/src/main/copper")
    File sourceDirectory;

    /** The project file (docs/project-file.md); default: {@code copper.json} in the source directory. */
    @Parameter(property = "copper.projectFile")
    File projectFile;

    /** The service graph, instead of the project file's {@code graph}; with it the project file may be left out. */
    @Parameter(property = "copper.graph")
    File graph;

    /** Dataplanes on offer and the cost of one sidecar of each, e.g. {@code <haproxy>1</haproxy>}; replaces the project file's. */
    @Parameter
    Map<String, String> dataplanes;

    /** Fail the build when the policies have warnings (then nothing is written either). */
    @Parameter(property = "copper.failOnWarnings", defaultValue = "false")
    boolean failOnWarnings;

    /**
     * Where {@code copper:build} puts the deployment; replaced as a whole (only if empty or a previous build's output).
     * {@code copper:check} passes at once when the build there is up to date (its policies were checked then).
     */
    @Parameter(property = "copper.outputDirectory", defaultValue = "${project.build.directory}/copper")
    File outputDirectory;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    /** Skip the goal. */
    @Parameter(property = "copper.skip", defaultValue = "false")
    boolean skip;

    Path sources() throws MojoFailureException {
        Path dir = sourceDirectory.toPath();
        if (!Files.isDirectory(dir)) {
            throw fail(dir + ": no such directory; put the .cup and .cui files there or set <sourceDirectory>");
        }
        return dir;
    }

    ProjectFile project() throws MojoFailureException {
        Path file = projectFile != null ? projectFile.toPath() : sourceDirectory.toPath().resolve(ProjectFile.FILE_NAME);
        try {
            return ProjectFile.read(file, graph == null ? null : graph.toPath());
        } catch (BuildException e) {
            throw fail(e.getMessage());
        }
    }

    /** The {@code <dataplanes>} as the pipeline's override ({@code haproxy=1,istio=10}), or null when not configured. */
    String dataplaneOverride() throws MojoFailureException {
        if (dataplanes == null || dataplanes.isEmpty()) {
            return null;
        }
        TreeMap<String, String> costs = new TreeMap<>();
        for (Map.Entry<String, String> e : dataplanes.entrySet()) {
            String cost = e.getValue() == null ? "" : e.getValue().strip();
            // 10, or 10+2/load: a cost that follows the service's load (docs/project-file.md)
            if (!cost.matches("[0-9]{1,18}(\\+[0-9]{1,18}/load)?")) {
                throw fail("<dataplanes><" + e.getKey() + ">: the cost must be a whole number >= 0 (or FIXED+PER_UNIT/load), got '" + cost + "'");
            }
            costs.put(e.getKey(), cost);
        }
        return costs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Fails on a dataplane Copper does not ship, naming {@code <dataplanes>} (the pipeline would name its --dataplanes). */
    void checkDataplaneNames(String spec) throws MojoFailureException {
        if (spec == null) {
            return;
        }
        try {
            StandardDataplanes.parse(spec, CopperWorkspace::builtinDataplane); // the pipeline's own parser
        } catch (IllegalArgumentException e) {
            throw fail("<dataplanes>: " + e.getMessage());
        }
    }

    /** How a failure ends the message: the build goal says it wrote nothing. */
    abstract String consequence();

    /** The digest of the build's inputs, for the up-to-date check ({@link BuildStamp}). */
    String inputs(ProjectFile project, Path sources, String dataplaneSpec) {
        return BuildStamp.inputs(project, sources, List.of("dataplanes=" + dataplaneSpec, "failOnWarnings=" + failOnWarnings),
                plugin == null ? List.of() : plugin.getArtifacts());
    }

    /** Logs the policies' errors and fails. */
    MojoFailureException policyErrors(PolicyErrorsException e) {
        List<CopperDiagnostic> errors = e.diagnostics().stream().filter(d -> d.severity() == CopperDiagnostic.Severity.ERROR).toList();
        e.diagnostics().forEach(this::log);
        return new MojoFailureException(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in the policies" + consequence() + ":\n"
                + errors.stream().map(DiagnosticLine::of).collect(Collectors.joining("\n")));
    }

    /** Logs the warnings; fails when {@code failOnWarnings} is set and there are any. */
    void warnings(List<CopperDiagnostic> diagnostics) throws MojoFailureException {
        diagnostics.forEach(this::log);
        List<CopperDiagnostic> warnings = diagnostics.stream().filter(d -> d.severity() == CopperDiagnostic.Severity.WARNING).toList();
        if (failOnWarnings && !warnings.isEmpty()) {
            throw new MojoFailureException(warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")
                    + " in the policies and <failOnWarnings> is set" + consequence() + ":\n"
                    + warnings.stream().map(DiagnosticLine::of).collect(Collectors.joining("\n")));
        }
    }

    private void log(CopperDiagnostic d) {
        switch (d.severity()) {
            case ERROR -> getLog().error(DiagnosticLine.of(d));
            case WARNING -> getLog().warn(DiagnosticLine.of(d));
            default -> getLog().info(DiagnosticLine.of(d));
        }
    }

    MojoFailureException fail(String message) {
        getLog().error(message);
        return new MojoFailureException(message);
    }
}
