package org.wire.model.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wire.model.pattern.PatternNode.AnyService;
import org.wire.model.pattern.PatternNode.Repeat;
import org.wire.model.pattern.PatternNode.Sequence;
import org.wire.model.pattern.PatternNode.Service;
import org.wire.model.pattern.PatternNode.ServiceSet;

class ContextPatternParserTest {

    @Test
    void parsesAdjacentItemsWithPositions() throws PatternSyntaxError {
        ContextPattern p = ContextPattern.parse("frontend.*catalog");
        Sequence seq = assertInstanceOf(Sequence.class, p.root());
        assertEquals(3, seq.items().size());
        Service first = assertInstanceOf(Service.class, seq.items().get(0));
        assertEquals("frontend", first.name());
        assertEquals(0, first.start());
        assertEquals(8, first.end());
        Repeat star = assertInstanceOf(Repeat.class, seq.items().get(1));
        assertInstanceOf(AnyService.class, star.item());
        assertEquals(8, star.start());
        assertEquals(10, star.end());
        Service last = assertInstanceOf(Service.class, seq.items().get(2));
        assertEquals(10, last.start());
    }

    @Test
    void arrowAndWhitespaceSeparateButDashesBelongToNames() throws PatternSyntaxError {
        Sequence seq = assertInstanceOf(Sequence.class, ContextPattern.parse("redis-cart->cart  checkout-svc").root());
        List<String> names = seq.items().stream().map(n -> ((Service) n).name()).collect(Collectors.toList());
        assertEquals(List.of("redis-cart", "cart", "checkout-svc"), names);
    }

    @Test
    void setsAllowTrailingComma() throws PatternSyntaxError {
        Sequence seq = assertInstanceOf(Sequence.class, ContextPattern.parse("frontend [rate, geo,]").root());
        ServiceSet set = assertInstanceOf(ServiceSet.class, seq.items().get(1));
        assertEquals(List.of("rate", "geo"), set.members().stream().map(Service::name).toList());
    }

    @Test
    void loneStarIsMeshWide() throws PatternSyntaxError {
        assertTrue(ContextPattern.parse("  * ").isMeshWide());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|0|empty context pattern",
            "'a (b'|2|'(' is never closed",
            "'a b)'|3|unbalanced ')'",
            "'a []'|2|empty service set",
            "'a [b c]'|5|expected ',' or ']'",
            "'* a'|0|'*' repeats nothing",
            "'a**'|2|cannot follow another repetition",
            "'a | | b'|4|empty alternative",
            "'a -> '|2|'->' must stand between two items",
            "'a $b'|2|unexpected '$'",
            "'a ()'|2|empty group" })
    void reportsSyntaxErrorsAtTheOffendingCharacter(String text, int offset, String message) {
        PatternSyntaxError e = assertThrows(PatternSyntaxError.class, () -> ContextPattern.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }
}
