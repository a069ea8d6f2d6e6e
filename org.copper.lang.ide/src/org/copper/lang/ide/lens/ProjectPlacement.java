package org.copper.lang.ide.lens;

import java.util.Map;

/**
 * A project's placement as lens text.
 *
 * @param summary  one line for the project: sidecars, dataplanes, cost; or why there is no placement
 * @param policies policy name → one line: where it runs and whether it is free or pinned
 */
public record ProjectPlacement(String summary, Map<String, String> policies) {
    public ProjectPlacement {
        policies = Map.copyOf(policies);
    }
}
