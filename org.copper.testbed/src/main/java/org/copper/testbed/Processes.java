package org.copper.testbed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting the testbed's processes, each inside a given cgroup from its first instruction, and waiting for them. */
final class Processes {
    private Processes() {}

    /** Starts {@code cmd} in cgroup {@code cg} (the shell joins it, then execs), output to {@code log}. */
    static Process startIn(Path cg, Path log, List<String> cmd) throws TestbedException {
        List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", cg.toString()));
        full.addAll(cmd);
        try {
            return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new TestbedException("cannot start " + cmd.get(0) + ": " + e.getMessage());
        }
    }

    /** Waits until something accepts TCP connections at host:port. */
    static void waitPort(String host, int port, Process p, Path log, String what) throws TestbedException {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException e) {
                if (p != null && !p.isAlive()) {
                    throw new TestbedException(what + " exited (" + p.exitValue() + ") before listening on " + host + ":" + port + ": "
                            + tail(log));
                }
                Cgroups.sleep(50);
            }
        }
        throw new TestbedException(what + " does not listen on " + host + ":" + port + " after 10 s: " + tail(log));
    }

    /** Waits until {@code log} contains {@code text}. */
    static void waitLog(Path log, String text, Process p, String what) throws TestbedException {
        // loading the add-on runs the verifier over ~0.5 M instructions: seconds each on a busy 2-CPU machine
        for (int i = 0; i < 20 * 180; i++) {
            if (tail(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new TestbedException(what + " exited (" + p.exitValue() + "): " + tail(log));
            }
            Cgroups.sleep(50);
        }
        throw new TestbedException(what + ": no '" + text + "' after 180 s: " + tail(log));
    }

    /** Runs a command to the end, returning its exit code and output (stderr merged). */
    record Result(int code, String output) {}

    static Result run(List<String> cmd, long timeoutSeconds) throws TestbedException {
        Path out = null;
        try {
            // output to a file, so a command that hangs is noticed at the timeout rather than blocking a pipe read
            out = Files.createTempFile("copper-testbed-run-", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TestbedException(String.join(" ", cmd) + ": no answer after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TestbedException("cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while running " + cmd.get(0));
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left in /tmp
                }
            }
        }
    }

    static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8).strip();
            return s.length() > 600 ? "..." + s.substring(s.length() - 600) : s;
        } catch (IOException e) {
            return "";
        }
    }
}
