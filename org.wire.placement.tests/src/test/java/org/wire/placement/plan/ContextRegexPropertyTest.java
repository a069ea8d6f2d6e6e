package org.wire.placement.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.wire.model.ctx.ContextRegex;
import org.wire.model.ctx.ServiceIds;
import org.wire.model.pattern.ContextPattern;
import org.wire.placement.match.ContextAutomaton;
import org.wire.placement.testutil.RandomGraphs;

/**
 * The regex over the header value agrees with the pattern's automaton: for a chain origin … u (the header,
 * encoded as tokens) and a destination w, the regex for w matches exactly when the automaton accepts origin … u w.
 * The header is the same on u's egress and w's ingress, so this covers both queues.
 */
class ContextRegexPropertyTest {
    @Test
    void regexForEachDestinationAgreesWithTheAutomaton() throws Exception {
        Random rnd = new Random(7);
        int checked = 0, matched = 0;
        for (int round = 0; round < 1500; round++) {
            int n = 2 + rnd.nextInt(4);
            List<String> services = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                services.add("s" + i);
            }
            // ids far apart so that tokens use several digits, including '-' and '_'
            java.util.TreeMap<String, Integer> idMap = new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                idMap.put("s" + i, 1 + i * 16381 % 65535);
            }
            ServiceIds ids = new ServiceIds(idMap);
            String text = RandomGraphs.pattern(rnd, n, 3);
            ContextPattern pattern = ContextPattern.parse(text);
            ContextAutomaton dfa = ContextAutomaton.compile(pattern);
            ContextRegex compiler = new ContextRegex(ids);
            for (String w : services) {
                Optional<String> regex = compiler.toDestination(pattern, w);
                Pattern re = regex.map(Pattern::compile).orElse(null);
                for (int k = 0; k < 40; k++) {
                    List<String> chain = new ArrayList<>();
                    int len = 1 + rnd.nextInt(6);
                    for (int i = 0; i < len; i++) {
                        chain.add(services.get(rnd.nextInt(n)));
                    }
                    List<String> context = new ArrayList<>(chain);
                    context.add(w);
                    boolean expected = dfa.accepts(context);
                    String header = String.join("", chain.stream().map(ids::token).toList());
                    boolean actual = re != null && re.matcher(header).matches();
                    assertEquals(expected, actual, () -> "pattern '" + text + "' to " + w + ", chain " + chain + ", regex " + regex);
                    checked++;
                    matched += expected ? 1 : 0;
                }
            }
        }
        assertTrue(matched > checked / 20, "the random cases must exercise matches too: " + matched + " of " + checked);
    }

    @Test
    void knownForms() throws Exception {
        ServiceIds ids = ServiceIds.empty().extend(List.of("frontend", "catalog", "recommend"));
        ContextRegex c = new ContextRegex(ids);
        // catalog = 1, frontend = 2, recommend = 3 (name order)
        assertEquals(Optional.of("^002(?:[0-9A-Za-z_-]{3})*$"), c.toDestination(ContextPattern.parse("frontend .* catalog"), "catalog"));
        assertEquals(Optional.empty(), c.toDestination(ContextPattern.parse("frontend .* catalog"), "recommend"));
        assertEquals(Optional.of("^~?(?:[0-9A-Za-z_-]{3})*003$"), c.toDestination(ContextPattern.parse(".* recommend ."), "catalog"));
        assertTrue(Pattern.compile(c.lastCallerIn(List.of("frontend", "recommend"))).matcher("001003").matches());
        assertTrue(!Pattern.compile(c.lastCallerIn(List.of("frontend", "recommend"))).matcher("003001").matches());
    }
}
