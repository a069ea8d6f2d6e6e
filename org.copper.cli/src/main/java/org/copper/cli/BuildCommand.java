package org.copper.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.copper.build.BuildException;
import org.copper.build.BuildPipeline;
import org.copper.build.PolicyErrorsException;
import org.copper.build.ProjectFile;

/** {@code ./copper build}: parses its arguments, calls the build pipeline, prints what it did. */
final class BuildCommand implements Command {
    static final String DEFAULT_PROJECT = "examples/online-boutique";

    @Override
    public String name() {
        return "build";
    }

    @Override
    public String summary() {
        return "check, place and generate the deployment of a policy project (default: " + DEFAULT_PROJECT + ")";
    }

    @Override
    public String usage() {
        return """
                usage: ./copper build [PROJECT_DIR] [--out DIR] [--dataplanes haproxy=1,istio=10]

                Builds a policy project: a directory with .cup/.cui files and a copper.json project file
                (docs/project-file.md). Checks the policies against the project's service graph, places them
                on the cheapest sidecars (proven optimal), and writes the deployment into DIR atomically:
                placement.json, ebpf/ (the add-on's deployment data and service ids) and one folder per
                dataplane in use. Nothing is written on any error.

                  PROJECT_DIR        default: %s (the Online Boutique example)
                  --out DIR          default: PROJECT_DIR/out; replaced as a whole (only if empty or a previous build's)
                  --dataplanes LIST  dataplanes on offer and their costs, instead of the project file's""".formatted(DEFAULT_PROJECT);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageError {
        Arguments a = Arguments.parse(args, Set.of(), Set.of("--out", "--dataplanes"), name());
        if (a.positionals.size() > 1) {
            throw new UsageError("at most one project directory; see ./copper build --help");
        }
        Path project = a.positionals.isEmpty() ? Path.of(System.getProperty("copper.home", ".")).resolve(DEFAULT_PROJECT)
                : UserPaths.of(a.positionals.get(0));
        if (!Files.isDirectory(project)) {
            throw new UsageError(project + ": not a directory");
        }
        if (!Files.isRegularFile(project.resolve(ProjectFile.FILE_NAME))) {
            throw new UsageError(project + ": no " + ProjectFile.FILE_NAME + " here (see docs/project-file.md)");
        }
        Path outDir = a.options.containsKey("--out") ? UserPaths.of(a.options.get("--out")) : project.resolve("out");
        BuildPipeline.Result r;
        try {
            r = BuildPipeline.buildInto(project, a.options.get("--dataplanes"), outDir);
        } catch (PolicyErrorsException e) {
            e.diagnostics().forEach(d -> err.println(d.format()));
            err.println("copper build: " + e.getMessage());
            return 1;
        } catch (BuildException e) {
            err.println("copper build: " + e.getMessage());
            return e.getMessage().contains(": policy ") ? 1 : 2;
        }
        r.warnings().forEach(d -> err.println(d.format()));
        out.printf("built %s: %d sidecars, cost %d (optimal), %d files in %s%n", project, r.placement().sidecarCount(), r.placement().cost(),
                r.files().files().size(), outDir);
        r.placement().sidecars().forEach((s, d) -> out.printf("  %s -> %s%n", s, d));
        return 0;
    }
}
