package org.wire.model.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternFormCheckerTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "frontend.*catalog;INGRESS;catalog",
            "frontend .* [rate, geo];INGRESS;geo rate",
            "frontend (rate|geo);INGRESS;geo rate",
            "frontend .* catalog .;EGRESS;catalog",
            ".* (a b | c d);INGRESS;b d",
            "*;MESH_WIDE;''" })
    void validForms(String text, PatternForm.Kind kind, String services) throws PatternSyntaxError {
        PatternFormChecker.Result.Valid valid = assertInstanceOf(PatternFormChecker.Result.Valid.class,
                PatternFormChecker.check(ContextPattern.parse(text)));
        assertEquals(kind, valid.form().kind());
        assertEquals(services.isEmpty() ? List.of() : List.of(services.split(" ")), List.copyOf(valid.form().services()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "frontend.*;8;2;ends in '.*'",
            "frontend .* .;12;1;only right after a concrete service",
            "frontend catalog?;9;8;ends in 'catalog?'",
            "frontend (a b)+;9;6;ends in '(a b)+'",
            "a b | c d .;0;11;mix the ingress form" })
    void invalidFormsPointAtTheCulprit(String text, int offset, int length, String message) throws PatternSyntaxError {
        PatternFormChecker.Result.Invalid invalid = assertInstanceOf(PatternFormChecker.Result.Invalid.class,
                PatternFormChecker.check(ContextPattern.parse(text)));
        assertTrue(invalid.error().message().contains(message), invalid.error().message());
        assertEquals(offset, invalid.error().offset());
        assertEquals(length, invalid.error().length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = { "frontend .*;frontend .", "a b.*;a b." })
    void egressFixIsOfferedForTrailingAnyStar(String text, String fix) throws PatternSyntaxError {
        PatternFormChecker.Result.Invalid invalid = assertInstanceOf(PatternFormChecker.Result.Invalid.class,
                PatternFormChecker.check(ContextPattern.parse(text)));
        assertEquals(fix, invalid.error().suggestion().orElseThrow());
    }
}
