package org.copper.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.copper.build.BuildException;
import org.copper.build.BuildPipeline;
import org.copper.build.PolicyErrorsException;
import org.copper.build.ProjectFile;
import org.copper.build.UnbuildablePolicyException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./copper build}: parses its arguments, calls the build pipeline, prints what it did. */
@Command(name = "build", description = { "Check, place and generate the deployment of a policy project (default: " + BuildCommand.DEFAULT_PROJECT + ").",
        "",
        "A policy project is a directory with .cup/.cui files and a copper.json project file (docs/project-file.md). Checks the policies against the project's service graph, places them on the cheapest sidecars (proven optimal), and writes the deployment into DIR atomically: report.html, placement.json, ebpf/ and one folder per dataplane in use (docs/build.md). Nothing is written on any error." })
final class BuildCommand extends CliCommand {
    static final String DEFAULT_PROJECT = "examples/online-boutique";

    @Parameters(paramLabel = "PROJECT_DIR", arity = "0..1", description = "the policy project (default: " + DEFAULT_PROJECT + ")")
    Path project;

    @Option(names = "--out", paramLabel = "DIR", description = "default: PROJECT_DIR/out; replaced as a whole (only if empty or a previous build's)")
    Path outDir;

    @Option(names = "--dataplanes", paramLabel = "LIST", description = "dataplanes on offer and their costs (haproxy=1,istio=10), instead of the project file's")
    String dataplanes;

    @Override
    public Integer call() throws UsageError {
        Path dir = project != null ? project : Path.of(System.getProperty("copper.home", ".")).resolve(DEFAULT_PROJECT);
        if (!Files.isDirectory(dir)) {
            throw new UsageError(dir + ": not a directory");
        }
        if (!Files.isRegularFile(dir.resolve(ProjectFile.FILE_NAME))) {
            throw new UsageError(dir + ": no " + ProjectFile.FILE_NAME + " here (see docs/project-file.md)");
        }
        Path target = outDir != null ? outDir : dir.resolve("out");
        BuildPipeline.Result r;
        try {
            r = BuildPipeline.buildInto(dir, dataplanes, target);
        } catch (PolicyErrorsException e) {
            e.diagnostics().forEach(d -> err().println(d.format()));
            err().println(who() + ": " + e.getMessage());
            return 1;
        } catch (UnbuildablePolicyException e) {
            err().println(who() + ": " + e.getMessage());
            return 1;
        } catch (BuildException e) {
            throw new UsageError(e.getMessage());
        }
        r.warnings().forEach(d -> err().println(d.format()));
        out().printf("built %s: %d sidecars, cost %d (optimal), %d files in %s%n", dir, r.placement().sidecarCount(), r.placement().cost(),
                r.files().files().size(), target);
        r.placement().sidecars().forEach((s, d) -> out().printf("  %s -> %s%n", s, d));
        out().println("open " + target.resolve("report.html") + " for the picture");
        return 0;
    }
}
