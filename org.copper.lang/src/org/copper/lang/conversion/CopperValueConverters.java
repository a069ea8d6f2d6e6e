package org.copper.lang.conversion;

import java.math.BigDecimal;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.conversion.impl.AbstractLexerBasedConverter;
import org.eclipse.xtext.nodemodel.INode;

import com.google.inject.Singleton;

/**
 * Value conversion for the shared lexical layer: Copper strings allow exactly the escapes the spec lists.
 * A singleton like Xtext's own {@code DefaultTerminalConverters} (the annotation is not inherited): otherwise every
 * resource the language server re-parses builds its converter table again by reflection over the grammar.
 */
@Singleton
public class CopperValueConverters extends DefaultTerminalConverters {

    @Override
    @ValueConverter(rule = "STRING")
    public IValueConverter<String> STRING() {
        return new CopperStringConverter();
    }

    private final IValueConverter<Integer> boundedInt = new AbstractLexerBasedConverter<>() {
        @Override
        public Integer toValue(String string, INode node) {
            try {
                return Integer.valueOf(string);
            } catch (NumberFormatException e) {
                throw new ValueConverterException("integer " + string + " is too large (at most " + Integer.MAX_VALUE + ")", node, null); // no cause: Xtext would show its message instead
            }
        }
    };

    @Override
    @ValueConverter(rule = "INT")
    public IValueConverter<Integer> INT() {
        return boundedInt;
    }

    /** The same converter under the rule's qualified name, which policy files (an extending grammar) look up. */
    @ValueConverter(rule = "org.copper.lang.Interface.INT")
    public IValueConverter<Integer> qualifiedINT() {
        return boundedInt;
    }

    @ValueConverter(rule = "DECIMAL")
    public IValueConverter<BigDecimal> DECIMAL() {
        return new AbstractLexerBasedConverter<>() {
            @Override
            public BigDecimal toValue(String string, INode node) {
                try {
                    return new BigDecimal(string);
                } catch (NumberFormatException e) {
                    throw new ValueConverterException("not a decimal: " + string, node, null);
                }
            }
        };
    }

    /** Single or double quotes; escapes \\ \' \" \n only. */
    public static final class CopperStringConverter extends AbstractLexerBasedConverter<String> {
        @Override
        protected String toEscapedString(String value) {
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }

        @Override
        public String toValue(String string, INode node) {
            if (string == null) {
                return null;
            }
            return unescape(string, node);
        }

        static String unescape(String quoted, INode node) {
            if (quoted.length() < 2) {
                throw new ValueConverterException("string is not closed", node, null);
            }
            StringBuilder out = new StringBuilder(quoted.length());
            for (int i = 1; i < quoted.length() - 1; i++) {
                char c = quoted.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char next = quoted.charAt(++i);
                switch (next) {
                    case '\\', '\'', '"' -> out.append(next);
                    case 'n' -> out.append('\n');
                    default -> throw new ValueConverterException(
                            "unknown escape '\\" + next + "' in string; Copper strings allow \\\\, \\', \\\" and \\n", node, null);
                }
            }
            return out.toString();
        }
    }
}
