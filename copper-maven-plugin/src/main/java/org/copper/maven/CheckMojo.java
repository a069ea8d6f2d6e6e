package org.copper.maven;

import java.nio.file.Path;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.copper.build.BuildException;
import org.copper.build.BuildPipeline;
import org.copper.build.PolicyErrorsException;
import org.copper.build.ProjectFile;

/**
 * Checks the policies against the project's service graph (the first half of {@code ./copper build}); writes nothing.
 * Passes at once when {@code copper:build}'s output is up to date with the same inputs.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE)
public class CheckMojo extends CopperMojo {
    @Override
    String consequence() {
        return "";
    }

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("copper:check skipped");
            return;
        }
        Path sources = sources();
        ProjectFile project = project();
        if (BuildStamp.upToDate(outputDirectory.toPath(), inputs(project, sources, dataplaneOverride()))) {
            getLog().info("policies unchanged since they were built into " + outputDirectory + " (and checked then)");
            return;
        }
        try {
            warnings(BuildPipeline.check(project, sources));
        } catch (PolicyErrorsException e) {
            throw policyErrors(e);
        } catch (BuildException e) {
            throw fail(e.getMessage());
        }
        getLog().info("policies in " + sourceDirectory + " checked against " + project.graph());
    }
}
