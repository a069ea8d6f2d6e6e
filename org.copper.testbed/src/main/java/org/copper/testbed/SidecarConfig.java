package org.copper.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated haproxy.cfg placed into one pod of the loopback network: the only changes are addresses (the pod's
 * own 127.0.0.1 and "all addresses" become the pod's address; Service names become their pods' addresses) and,
 * for the baselines that have no eBPF add-on, one line per egress frontend that appends this service's token to
 * x-copper-ctx before any rule reads it (the sidecar forwarding the context). Every bind and server line must be
 * one of the shapes the back end writes; anything else is an error, not silently left pointing elsewhere.
 */
final class SidecarConfig {
    private static final Pattern BIND_ALL = Pattern.compile("^(\\s*)bind :(\\d+) proto h2$");
    private static final Pattern BIND_LOCAL = Pattern.compile("^(\\s*)bind 127\\.0\\.0\\.1:(\\d+) proto h2$");
    private static final Pattern SERVER = Pattern.compile("^(\\s*)server (\\S+) (\\S+):(\\d+) proto h2$");

    private SidecarConfig() {}

    /**
     * @param token null, or this service's x-copper-ctx token to append at egress
     */
    static String place(String cfg, Instance self, PodNetwork net, String token) throws TestbedException {
        List<String> out = new ArrayList<>();
        boolean inEgress = false;
        for (String line : cfg.split("\n", -1)) {
            Matcher m;
            if (line.startsWith("frontend ")) {
                inEgress = line.startsWith("frontend to_");
            }
            if ((m = BIND_ALL.matcher(line)).matches()) {
                out.add(m.group(1) + "bind " + self.address() + ":" + m.group(2) + " proto h2");
            } else if ((m = BIND_LOCAL.matcher(line)).matches()) {
                out.add(m.group(1) + "bind " + self.address() + ":" + m.group(2) + " proto h2");
                if (inEgress && token != null) {
                    out.add(m.group(1) + "http-request set-header x-copper-ctx \"%[req.fhdr(x-copper-ctx)]" + token + "\"");
                }
            } else if ((m = SERVER.matcher(line)).matches()) {
                String host = m.group(2).equals("app") ? self.address()
                        : m.group(3).equals("127.0.0.1") ? self.address() : net.host(m.group(3)).address();
                out.add(m.group(1) + "server " + m.group(2) + " " + host + ":" + m.group(4) + " proto h2");
            } else if (line.strip().startsWith("bind ") || line.strip().startsWith("server ")) {
                throw new TestbedException("sidecar " + self.name() + ": unexpected line in the generated haproxy.cfg: " + line.strip());
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }
}
