package org.wire.deploy.istio;

import java.util.Map;
import java.util.TreeMap;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs a generated Lua filter in LuaJ (Lua 5.2; the scripts keep to what LuaJIT's 5.1 also reads) against a
 * stand-in for the part of Envoy's stream handle they use: {@code headers():get/replace/remove} and
 * {@code respond}. One runner is one filter's Lua state: its chunk-level state persists between requests.
 */
final class LuaRunner {
    private static final String HANDLE = """
            function copper_test_handle(store)
              local h = {store = store}
              function h:get(n) return self.store[n] end
              function h:replace(n, v) self.store[n] = v end
              function h:remove(n) self.store[n] = nil end
              local handle = {hd = h}
              function handle:headers() return self.hd end
              function handle:respond(hs, body) self.status = hs[":status"] end
              return handle
            end
            """;
    private final Globals globals = JsePlatform.standardGlobals();

    LuaRunner(String script) {
        globals.load(HANDLE, "handle").call();
        globals.load(script, "filter").call();
    }

    /** What one request came out as. */
    record Outcome(String status, Map<String, String> headers) {}

    Outcome request(Map<String, String> headers) {
        LuaTable store = new LuaTable();
        headers.forEach((k, v) -> store.set(k, v));
        LuaValue handle = globals.get("copper_test_handle").call(store);
        globals.get("envoy_on_request").call(handle);
        TreeMap<String, String> out = new TreeMap<>();
        for (LuaValue k = LuaValue.NIL;;) {
            var next = store.next(k);
            if ((k = next.arg1()).isnil()) {
                break;
            }
            out.put(k.tojstring(), next.arg(2).tojstring());
        }
        LuaValue status = handle.get("status");
        return new Outcome(status.isnil() ? null : status.tojstring(), out);
    }
}
