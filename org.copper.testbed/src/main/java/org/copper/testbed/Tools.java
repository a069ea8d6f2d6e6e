package org.copper.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The programs the testbed runs, found (or built, for the eBPF loader) before anything starts. */
record Tools(Path python, Path haproxy, Path h2load, Path bpftool, Path loader) {
    static final Path PYTHON = Path.of("/usr/bin/python3");   // Debian's, which has python3-h2

    static Tools find(Path home, boolean needLoad) throws TestbedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new TestbedException("the testbed needs root (cgroups and the eBPF add-on); run it as root");
        }
        Processes.Result h2 = Processes.run(List.of(PYTHON.toString(), "-c", "import h2"), 20);
        if (h2.code() != 0) {
            throw new TestbedException(PYTHON + " cannot import h2: install the Debian package python3-h2");
        }
        Path loader = home.resolve("bpf/build/copper-bpf");
        if (!Files.isExecutable(loader)) {
            Processes.Result r = Processes.run(List.of("make", "-s", "-C", home.resolve("bpf").toString()), 300);
            if (r.code() != 0 || !Files.isExecutable(loader)) {
                throw new TestbedException("cannot build the eBPF add-on (make -C bpf; bash bpf/install-deps.sh installs its tools): "
                        + r.output().strip());
            }
        }
        return new Tools(PYTHON, which("haproxy", "haproxy"), needLoad ? which("h2load", "nghttp2-client") : null,
                which("bpftool", "bpftool"), loader);
    }

    private static Path which(String name, String pkg) throws TestbedException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new TestbedException(name + " not found: install the Debian package " + pkg);
    }
}
