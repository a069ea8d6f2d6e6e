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
        // ANTLR's recovery at the end of the input ('act' and nothing more) comes without a message
        String text = (original.getMessage() != null ? original.getMessage() : fallback(context))
                .replace("RULE_ID", "a name")
                .replace("RULE_STRING", "a string")
                .replace("RULE_INT", "a whole number")
                .replace("RULE_DECIMAL", "a decimal number")
                .replace("'<EOF>'", "the end of the file")
                .replace("EOF", "the end of the file")
                .replace("mismatched input the end of the file expecting", "the file ends too early: expecting");
        RecognitionException e = context.getRecognitionException();
        // the token at the end of the input has no text, and an immutable set's contains(null) throws
        if (e != null && e.token != null && e.token.getText() != null && CopperKeywords.ALL.contains(e.token.getText()) && text.contains("expecting a name")) {
            text += " ('" + e.token.getText() + "' is a keyword and cannot be used as a name)";
        }
        return new SyntaxErrorMessage(text, original.getIssueCode(), original.getIssueData());
    }

    private static String fallback(IParserErrorContext context) {
        RecognitionException e = context.getRecognitionException();
        if (e == null || e.token == null || e.token.getType() == org.antlr.runtime.Token.EOF) {
            return "unexpected end of the file";
        }
        return "unexpected '" + e.token.getText() + "'";
    }
}
