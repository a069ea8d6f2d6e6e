package org.copper.cli.fuzz;

import java.util.List;
import java.util.Random;

/** Seeded inputs: grammar-aware Copper policies and interfaces, mutations of real files, graph JSON, argument lists. */
final class FuzzInputs {
    static final String[] SERVICES = { "frontend", "cartservice", "adservice", "checkoutservice", "paymentservice", "x-y", "s_1" };
    static final String[] TOKENS = { "policy", "act", "using", "context", "import", "if", "else", "(", ")", "{", "}", "[", "]", ";",
            ",", "!", "&&", "||", "[Egress]", "[Ingress]", "Request", "Counter", "request", "SetHeader", "Deny", "'a b'", "'(('",
            "\"common.cui\"", "\"\0.cui\"", "\"../x.cui\"", "\"/\"", "\"http://h/x.cui\"", "action", "state", "self", ":", "\u0000",
            "\uFEFF", "😀", "\r\n", "'\\q'", "99999999999", "1.5", "true" };
    private final Random random;

    FuzzInputs(long seed) {
        random = new Random(seed);
    }

    Random random() {
        return random;
    }

    String pattern(int depth) {
        StringBuilder sb = new StringBuilder();
        int items = 1 + random.nextInt(4);
        for (int i = 0; i < items; i++) {
            switch (random.nextInt(depth > 3 ? 3 : 6)) {
                case 0, 1 -> sb.append(SERVICES[random.nextInt(SERVICES.length)]);
                case 2 -> sb.append('.');
                case 3 -> sb.append('(').append(pattern(depth + 1)).append(random.nextBoolean() ? "|" + pattern(depth + 1) : "").append(')');
                case 4 -> sb.append("[").append(SERVICES[random.nextInt(SERVICES.length)]).append(", ")
                        .append(SERVICES[random.nextInt(SERVICES.length)]).append(']');
                default -> sb.append("*");
            }
            if (random.nextInt(4) == 0) {
                sb.append("*+?".charAt(random.nextInt(3)));
            }
            sb.append(random.nextInt(5) == 0 ? " -> " : " ");
        }
        return sb.toString().strip();
    }

    String condition(int depth) {
        return switch (random.nextInt(depth > 2 ? 2 : 5)) {
            case 0 -> "HasHeader(request, 'x-" + random.nextInt(3) + "')";
            case 1 -> "IsGreaterThan(c, " + random.nextInt(200) + ")";
            case 2 -> "!" + condition(depth + 1);
            case 3 -> "(" + condition(depth + 1) + (random.nextBoolean() ? " && " : " || ") + condition(depth + 1) + ")";
            default -> "GetHeader(request, 'x')";
        };
    }

    String statement(int depth) {
        return switch (random.nextInt(depth > 2 ? 4 : 6)) {
            case 0 -> "Deny(request);";
            case 1 -> "SetHeader(request, 'k', 'v');";
            case 2 -> "RouteToVersion(request, 'paymentservice', 'v" + random.nextInt(3) + "');";
            case 3 -> "Increment(c);";
            case 4 -> "if (" + condition(0) + ") { " + statement(depth + 1) + " }";
            default -> "if (" + condition(0) + ") " + statement(depth + 1) + " else { " + statement(depth + 1) + " }";
        };
    }

    /** A policy file that is mostly well formed, so that the checks behind the parser are reached. */
    String policyFile() {
        StringBuilder sb = new StringBuilder(random.nextInt(10) == 0 ? "" : "import \"" + List.of("common.cui", "istio.cui", "cilium.cui",
                "haproxy.cui", "other.cui").get(random.nextInt(5)) + "\";\n");
        int policies = 1 + random.nextInt(3);
        for (int p = 0; p < policies; p++) {
            sb.append("policy p").append(random.nextInt(4)).append(" (\n    act (Request request)\n");
            if (random.nextBoolean()) {
                sb.append("    using (").append(random.nextBoolean() ? "Counter" : "Timer").append(" c)\n");
            }
            sb.append("    context ('").append(pattern(0)).append("')\n) {\n");
            for (String side : random.nextBoolean() ? List.of("Egress") : List.of("Ingress", "Egress")) {
                sb.append("    [").append(side).append("]\n");
                for (int s = random.nextInt(3); s >= 0; s--) {
                    sb.append("    ").append(statement(0)).append('\n');
                }
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    String interfaceFile() {
        StringBuilder sb = new StringBuilder("import \"common.cui\";\n");
        sb.append("act A").append(random.nextInt(3)).append(random.nextBoolean() ? " : Request" : "").append(" {\n");
        for (int i = random.nextInt(3); i >= 0; i--) {
            sb.append(random.nextBoolean() ? "    [Egress]\n" : "").append("    action X").append(random.nextInt(3))
                    .append("(self, string s").append(random.nextBoolean() ? ", int n" : "").append(")")
                    .append(random.nextBoolean() ? " : bool" : "").append(",\n");
        }
        return sb.append("}\nstate S { action Tick(self) }\n").toString();
    }

    /** A few random edits: deletions, insertions of tokens, duplicated or dropped spans. */
    String mutate(String seed) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + random.nextInt(5);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(30)));
                case 3 -> sb.setCharAt(at, (char) random.nextInt(128));
                default -> {
                    int from = random.nextInt(sb.length());
                    sb.insert(at, sb.substring(from, Math.min(sb.length(), from + random.nextInt(40))));
                }
            }
        }
        return sb.toString();
    }

    String graph() {
        StringBuilder sb = new StringBuilder("{\"name\": \"g\", \"services\": [");
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append('"').append(SERVICES[random.nextInt(SERVICES.length)]).append('"');
        }
        sb.append("], \"edges\": [");
        for (int i = random.nextInt(6); i > 0; i--) {
            sb.append("[\"").append(SERVICES[random.nextInt(SERVICES.length)]).append("\", \"").append(SERVICES[random.nextInt(SERVICES.length)])
                    .append("\"]").append(i > 1 ? ", " : "");
        }
        return sb.append("]}").toString();
    }

    List<String> arguments(String file, String graph) {
        String[] words = { "check", "place", "experiment", "import-alibaba", "--verbose", "-v", "--graph", "--graph=", "--dataplanes",
                "--dataplanes=istio=10,cilium=4", "istio=-1", "istio=x", "=", "cilium", "--json", "--paper-encoding", "--", "-",
                "--help", "-h", "--policy-set", "p1", "p3", "--graphs", "", "\0", "--unknown", file, graph, file, graph };
        int n = random.nextInt(6);
        String[] args = new String[n];
        for (int i = 0; i < n; i++) {
            args[i] = words[random.nextInt(words.length)];
            if (random.nextInt(10) == 0) {
                args[i] = args[i] + words[random.nextInt(words.length)];
            }
        }
        return List.of(args);
    }
}
