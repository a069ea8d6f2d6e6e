package org.wire.model.ctx;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.wire.model.io.JsonText;

/**
 * The id of each service in the {@code x-copper-ctx} header (bpf/README.md "The x-copper-ctx value"): 1..65535,
 * written as 3 base-64 digits. Ids are stable: {@link #extend} keeps every id it is given and numbers only the
 * services that are new, so a rolling update never changes what an already deployed regex means.
 */
public record ServiceIds(SortedMap<String, Integer> ids) {
    public static final int MAX_ID = 65535;
    public static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

    public ServiceIds {
        ids = Collections.unmodifiableSortedMap(new TreeMap<>(ids));
        TreeSet<Integer> seen = new TreeSet<>();
        ids.forEach((service, id) -> {
            if (id < 1 || id > MAX_ID) {
                throw new IllegalArgumentException("service " + service + ": id " + id + " is outside 1.." + MAX_ID);
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("service " + service + ": id " + id + " is used twice");
            }
        });
    }

    public static ServiceIds empty() {
        return new ServiceIds(new TreeMap<>());
    }

    /** These ids plus fresh ones (the smallest unused, services in name order) for the services not numbered yet. */
    public ServiceIds extend(Collection<String> services) {
        TreeMap<String, Integer> next = new TreeMap<>(ids);
        TreeSet<Integer> used = new TreeSet<>(ids.values());
        int candidate = 1;
        for (String s : new TreeSet<>(services)) {
            if (next.containsKey(s)) {
                continue;
            }
            while (used.contains(candidate)) {
                candidate++;
            }
            if (candidate > MAX_ID) {
                throw new IllegalArgumentException("more than " + MAX_ID + " services: no id left for " + s);
            }
            next.put(s, candidate);
            used.add(candidate);
        }
        return new ServiceIds(next);
    }

    public int id(String service) {
        Integer id = ids.get(service);
        if (id == null) {
            throw new IllegalArgumentException("service " + service + " has no id");
        }
        return id;
    }

    /** The service's 3-character token, e.g. id 300 gives {@code 04i}. */
    public String token(String service) {
        return token(id(service));
    }

    public static String token(int id) {
        return new String(new char[] { DIGITS.charAt(id >> 12), DIGITS.charAt((id >> 6) & 63), DIGITS.charAt(id & 63) });
    }

    /** {@code {"frontend": 1, ...}}, sorted by name. */
    public String toJson() {
        JsonObject o = new JsonObject();
        ids.forEach(o::addProperty);
        return JsonText.of(o);
    }

    /** Parses {@link #toJson()}'s form; {@code source} names the file in messages. */
    public static ServiceIds parse(String json, String source) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(source + ": expected an object of service name to id");
        }
        TreeMap<String, Integer> ids = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || v.getAsDouble() != Math.rint(v.getAsDouble())) {
                throw new IllegalArgumentException(source + ": service " + e.getKey() + ": id must be an integer, got " + v);
            }
            ids.put(e.getKey(), v.getAsInt());
        }
        try {
            return new ServiceIds(ids);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }
}
