package org.copper.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal GNU-style option parsing: {@code --flag}, {@code --opt VALUE} / {@code --opt=VALUE}, and positionals. */
final class Arguments {
    final Map<String, String> options = new LinkedHashMap<>();
    final List<String> positionals = new ArrayList<>();

    static Arguments parse(List<String> args, Set<String> flags, Set<String> valued, String command) throws UsageError {
        Arguments a = new Arguments();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--") && !onlyPositionals) {
                onlyPositionals = true; // what follows are paths, even if they start with "--"
                continue;
            }
            if (onlyPositionals || !arg.startsWith("--")) {
                a.positionals.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name) && value == null) {
                a.options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageError(name + " needs a value; see ./copper " + command + " --help");
                    }
                    value = args.get(++i);
                }
                a.options.put(name, value);
            } else {
                throw new UsageError("unknown option '" + arg + "'; see ./copper " + command + " --help");
            }
        }
        return a;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String value(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String required(String name, String command) throws UsageError {
        String v = options.get(name);
        if (v == null) {
            throw new UsageError(name + " is required; see ./copper " + command + " --help");
        }
        return v;
    }
}
