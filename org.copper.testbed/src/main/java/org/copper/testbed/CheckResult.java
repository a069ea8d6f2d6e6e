package org.copper.testbed;

/** One enforcement fact checked on real traffic, with what the services reported. */
record CheckResult(String category, String fact, boolean ok, String saw) {
    @Override
    public String toString() {
        return (ok ? "PASS " : "FAIL ") + category + ": " + fact + " -- saw " + saw;
    }
}
