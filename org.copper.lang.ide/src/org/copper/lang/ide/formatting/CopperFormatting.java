package org.copper.lang.ide.formatting;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Formatting for the language server: the file's tokens and comments, from the parser's node model,
 * printed in {@link CopperLayout}. A file with syntax errors is left alone (its token stream may not
 * be what the author meant). The answer is one edit spanning only what changed.
 */
public class CopperFormatting extends FormattingService {
    @Override
    public List<TextEdit> format(XtextResource resource, Document document, int offset, int length, FormattingOptions options) {
        IParseResult parse = resource.getParseResult();
        if (parse == null || parse.hasSyntaxErrors()) {
            return List.of();
        }
        String indent = options == null || !options.isInsertSpaces() ? "\t" : " ".repeat(Math.max(1, options.getTabSize()));
        String text = document.getContents();
        List<CopperLayout.Token> tokens = new ArrayList<>();
        int end = 0;
        for (ILeafNode leaf : parse.getRootNode().getLeafNodes()) {
            String t = leaf.getText();
            boolean comment = leaf.getGrammarElement() instanceof TerminalRule rule && rule.getName().endsWith("COMMENT");
            if (leaf.isHidden() && !comment || t.isBlank()) {
                continue;
            }
            // a line comment's text ends with its line break: the break belongs to the layout
            String trimmed = t.stripTrailing();
            tokens.add(new CopperLayout.Token(trimmed, leaf.getGrammarElement() instanceof Keyword, comment,
                    newlines(text, end, leaf.getOffset())));
            end = leaf.getOffset() + trimmed.length();
        }
        String formatted = CopperLayout.print(tokens, indent);
        return edit(document, text, formatted);
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** One edit replacing the span between the common prefix and suffix of the two texts; none if equal. */
    private List<TextEdit> edit(Document document, String before, String after) {
        if (before.equals(after)) {
            return List.of();
        }
        int start = 0;
        int max = Math.min(before.length(), after.length());
        while (start < max && before.charAt(start) == after.charAt(start)) {
            start++;
        }
        int endBefore = before.length();
        int endAfter = after.length();
        while (endBefore > start && endAfter > start && before.charAt(endBefore - 1) == after.charAt(endAfter - 1)) {
            endBefore--;
            endAfter--;
        }
        return List.of(toTextEdit(document, after.substring(start, endAfter), start, endBefore - start));
    }
}
