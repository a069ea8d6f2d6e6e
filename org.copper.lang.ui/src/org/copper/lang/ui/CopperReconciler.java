package org.copper.lang.ui;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.reconciler.Reconciler;

/** Re-checks the whole buffer half a second after the last edit (and once when the editor opens). */
public class CopperReconciler extends Reconciler {
    public CopperReconciler() {
        setIsIncrementalReconciler(false);
        setIsAllowedToModifyDocument(false);
        setDelay(500);
        setReconcilingStrategy(new ProblemMarkers(), IDocument.DEFAULT_CONTENT_TYPE);
    }
}
