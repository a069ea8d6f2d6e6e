package org.wire.deploy.istio;

import java.util.Locale;
import java.util.regex.Pattern;

/** Header names as Istio and Envoy take them: HTTP tokens, lower case (HTTP/2; Istio rejects upper-case match keys). */
final class HeaderNames {
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");

    private HeaderNames() {}

    /** The lower-case name, or null when {@code name} is not an HTTP token (pseudo-headers such as :path included). */
    static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return TOKEN.matcher(lower).matches() ? lower : null;
    }
}
