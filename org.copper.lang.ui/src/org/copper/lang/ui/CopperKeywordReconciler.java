package org.copper.lang.ui;

import org.copper.lang.CopperKeywords;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WordRule;
import org.eclipse.jface.text.rules.IWordDetector;
import org.eclipse.swt.SWT;
import org.eclipse.jface.text.IDocument;

/**
 * Keyword, string and comment colouring for Copper files in the generic editor: lexical, so it
 * stays right while the text does not parse. Markers, completion and the rest come from the
 * language's IDE services (see plugin.xml).
 */
public class CopperKeywordReconciler extends PresentationReconciler {
    public CopperKeywordReconciler() {
        IToken keyword = new Token(new TextAttribute(null, null, SWT.BOLD));
        IToken string = new Token(new TextAttribute(null, null, SWT.ITALIC));
        IToken comment = new Token(new TextAttribute(null, null, SWT.ITALIC));
        WordRule words = new WordRule(new IWordDetector() {
            @Override
            public boolean isWordStart(char c) {
                return Character.isLetter(c) || c == '_';
            }

            @Override
            public boolean isWordPart(char c) {
                return Character.isLetterOrDigit(c) || c == '_';
            }
        });
        CopperKeywords.ALL.forEach(k -> words.addWord(k, keyword));
        RuleBasedScanner scanner = new RuleBasedScanner();
        scanner.setRules(new IRule[] {
                new EndOfLineRule("//", comment),
                new MultiLineRule("/*", "*/", comment),
                new SingleLineRule("\"", "\"", string, '\\'),
                new SingleLineRule("'", "'", string, '\\'),
                words });
        DefaultDamagerRepairer dr = new DefaultDamagerRepairer(scanner);
        setDamager(dr, IDocument.DEFAULT_CONTENT_TYPE);
        setRepairer(dr, IDocument.DEFAULT_CONTENT_TYPE);
    }
}
