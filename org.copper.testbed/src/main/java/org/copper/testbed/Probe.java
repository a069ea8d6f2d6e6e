package org.copper.testbed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A client outside the mesh: the service program in client mode (python-h2, HTTP/2 with prior knowledge), several
 * requests one after another on one connection. (Debian 12's curl 7.88 fails a second request on a reused HTTP/2
 * connection with "Error in the HTTP2 framing layer".) Each answer is the service's JSON report of what it and its
 * callees saw.
 */
final class Probe {
    private final Tools tools;
    private final Path script;

    Probe(Tools tools, Path script) {
        this.tools = tools;
        this.script = script;
    }

    record Answer(int status, JsonObject report) {}

    List<Answer> get(String url, int times, List<String> headers) throws TestbedException {
        List<String> cmd = new ArrayList<>(List.of(tools.python().toString(), script.toString(), "--get", url, "--count", String.valueOf(times)));
        for (String h : headers) {
            cmd.add("--header");
            cmd.add(h);
        }
        Processes.Result r = Processes.run(cmd, 120);
        List<Answer> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            int status = o.get("status").getAsInt();
            JsonObject report = null;
            if (status == 200) {
                JsonElement e = JsonParser.parseString(o.get("body").getAsString());
                report = e.isJsonObject() ? e.getAsJsonObject() : null;
            }
            out.add(new Answer(status, report));
        }
        if (out.size() != times) {
            throw new TestbedException("client " + url + ": " + out.size() + " of " + times + " answers: " + r.output().strip());
        }
        return out;
    }

    Answer get(String url, List<String> headers) throws TestbedException {
        return get(url, 1, headers).get(0);
    }
}
