package org.copper.maven;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.copper.build.BuildException;
import org.copper.build.BuildPipeline;
import org.copper.build.OutputDirectory;
import org.copper.build.PolicyErrorsException;
import org.copper.build.ProjectFile;

/**
 * Checks, places and generates the deployment, like {@code ./copper build}: the same {@link BuildPipeline}. The output
 * directory is replaced atomically, and not at all when the inputs have not changed since the last build.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.GENERATE_RESOURCES)
public class BuildMojo extends CopperMojo {
    @Override
    String consequence() {
        return "; nothing built";
    }

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("copper:build skipped");
            return;
        }
        Path sources = sources();
        ProjectFile project = project();
        String dataplaneSpec = dataplaneOverride();
        Path out = outputDirectory.toPath();
        String inputs = inputs(project, sources, dataplaneSpec);
        if (BuildStamp.upToDate(out, inputs)) {
            getLog().info(out + " is up to date (no policy, graph, project file or setting changed since it was built)");
            return;
        }
        checkDataplaneNames(dataplaneSpec);
        BuildPipeline.Result r;
        try {
            r = BuildPipeline.build(project, sources, dataplaneSpec, out);
        } catch (PolicyErrorsException e) {
            throw policyErrors(e);
        } catch (BuildException e) {
            throw fail(e.getMessage());
        }
        warnings(r.warnings());
        try {
            OutputDirectory.replace(out, r.files());
        } catch (BuildException e) {
            throw fail(e.getMessage());
        }
        try {
            BuildStamp.write(out, r.files(), inputs);
        } catch (IOException e) {
            getLog().warn(out.resolve(BuildStamp.FILE) + ": cannot record the build (" + e.getMessage() + "); the next build runs again");
        }
        getLog().info(String.format("built %s: %d sidecars, cost %d (optimal), %d files in %s", sources, r.placement().sidecarCount(),
                r.placement().cost(), r.files().files().size(), out));
        r.placement().sidecars().forEach((s, d) -> getLog().info("  " + s + " -> " + d));
    }
}
