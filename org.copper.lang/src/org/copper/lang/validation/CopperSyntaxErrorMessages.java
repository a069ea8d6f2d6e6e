package org.copper.lang.validation;

import org.antlr.runtime.RecognitionException;
import org.copper.lang.CopperKeywords;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

/** Parser messages in the user's words: token kinds instead of ANTLR rule names, and keywords explained. */
public class CopperSyntaxErrorMessages extends SyntaxErrorMessageProvider {
    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        SyntaxErrorMessage original = super.getSyntaxErrorMessage(context);
        String text = original.getMessage()
                .replace("RULE_ID", "a name")
                .replace("RULE_STRING", "a string")
                .replace("RULE_INT", "a whole number")
                .replace("RULE_DECIMAL", "a decimal number")
                .replace("'<EOF>'", "the end of the file")
                .replace("EOF", "the end of the file");
        RecognitionException e = context.getRecognitionException();
        if (e != null && e.token != null && CopperKeywords.ALL.contains(e.token.getText()) && text.contains("expecting a name")) {
            text += " ('" + e.token.getText() + "' is a keyword and cannot be used as a name)";
        }
        return new SyntaxErrorMessage(text, original.getIssueCode(), original.getIssueData());
    }
}
