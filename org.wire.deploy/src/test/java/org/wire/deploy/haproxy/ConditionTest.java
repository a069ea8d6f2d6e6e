package org.wire.deploy.haproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The DNF HAProxy reads agrees with direct evaluation of random !, &&, || trees over 3 atoms, under every assignment. */
class ConditionTest {
    sealed interface B {}
    record Atom(int i) implements B {}
    record Not(B b) implements B {}
    record And(B l, B r) implements B {}
    record Or(B l, B r) implements B {}

    static B random(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return new Atom(r.nextInt(3));
        }
        return switch (r.nextInt(3)) {
            case 0 -> new Not(random(r, depth - 1));
            case 1 -> new And(random(r, depth - 1), random(r, depth - 1));
            default -> new Or(random(r, depth - 1), random(r, depth - 1));
        };
    }

    static boolean eval(B b, int bits) {
        return switch (b) {
            case Atom a -> (bits >> a.i() & 1) == 1;
            case Not n -> !eval(n.b(), bits);
            case And a -> eval(a.l(), bits) && eval(a.r(), bits);
            case Or o -> eval(o.l(), bits) || eval(o.r(), bits);
        };
    }

    static Condition toCondition(B b) {
        return switch (b) {
            case Atom a -> Condition.term("a" + a.i());
            case Not n -> toCondition(n.b()).not();
            case And a -> toCondition(a.l()).and(toCondition(a.r()));
            case Or o -> toCondition(o.l()).or(toCondition(o.r()));
        };
    }

    /** HAProxy's reading of the rendered text: || of space-separated terms, '!' negates one term. */
    static boolean evalRendered(String text, int bits) {
        if (text.equals("FALSE")) {
            return false;
        }
        for (String alt : text.split(" \\|\\| ")) {
            boolean all = true;
            for (String t : alt.split(" ")) {
                boolean neg = t.startsWith("!");
                String name = neg ? t.substring(1) : t;
                boolean v = name.equals("TRUE") || (!name.equals("FALSE") && (bits >> (name.charAt(1) - '0') & 1) == 1);
                all &= neg != v;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    @Test
    void dnfAgreesWithDirectEvaluation() {
        Random r = new Random(9);
        for (int n = 0; n < 2000; n++) {
            B b = random(r, 3);
            Condition c = toCondition(b);
            String text = c.equals(Condition.TRUE) ? "TRUE" : c.render();
            for (int bits = 0; bits < 8; bits++) {
                assertEquals(eval(b, bits), evalRendered(text, bits), b + " as " + text + " at " + bits);
            }
        }
        assertEquals("FALSE", Condition.FALSE.render());
        assertEquals(List.of(List.of("!a", "!b")), Condition.term("a").or(Condition.term("b")).not().alternatives());
    }
}
