package org.copper.lang.ide.lens;

import java.nio.file.Path;

/**
 * Where Wire places a project's policies, for the code lenses. The build pipeline (org.copper.build)
 * computes it; this bundle cannot depend on the pipeline (it sits above the language), so the
 * pipeline's side registers an implementation through {@code META-INF/services} and the lenses
 * find it with {@link java.util.ServiceLoader}. Without one the server shows no placement lenses.
 */
public interface PlacementLensSource {
    /**
     * @param projectDir the folder with the project's {@code copper.json}, or with a {@code graph.json} and no project file
     * @return never null: a failed placement is a summary that says why and no per-policy lines
     */
    ProjectPlacement placementOf(Path projectDir, boolean hasProjectFile);
}
