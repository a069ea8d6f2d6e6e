package org.wire.model.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

/** The one JSON style of every file Wire writes: gson, pretty-printed, no HTML escaping, a final newline. */
public final class JsonText {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private JsonText() {}

    public static String of(JsonElement json) {
        return GSON.toJson(json) + "\n";
    }
}
