package org.copper.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** {@code <dataplanes>} becomes the pipeline's override: fixed costs, and costs that follow load. */
class DataplaneOverrideTest {
    private static String override(Map<String, String> dataplanes) throws MojoFailureException {
        BuildMojo mojo = new BuildMojo();
        mojo.dataplanes = dataplanes == null ? null : new TreeMap<>(dataplanes);
        return mojo.dataplaneOverride();
    }

    @Test
    void fixedAndLoadFollowingCostsBecomeTheSpecTheCliReads() throws Exception {
        assertNull(override(null));
        assertEquals("haproxy=1,istio=10", override(Map.of("istio", "10", "haproxy", "1")));
        assertEquals("istio=10+2/load", override(Map.of("istio", " 10+2/load ")));
        new BuildMojo().checkDataplaneNames(override(Map.of("istio", "10+2/load"))); // the pipeline's parser accepts it
    }

    @Test
    void aBadCostNamesTheEntry() {
        for (String bad : new String[] { "-1", "1.5", "10+x/load", "10+2", "" }) {
            MojoFailureException e = assertThrows(MojoFailureException.class, () -> override(Map.of("istio", bad)), bad);
            assertTrue(e.getMessage().contains("<dataplanes><istio>: the cost must be a whole number >= 0 (or FIXED+PER_UNIT/load), got '" + bad + "'"),
                    e.getMessage());
        }
    }
}
