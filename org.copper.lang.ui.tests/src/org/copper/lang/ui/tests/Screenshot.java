package org.copper.lang.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

/** A PNG of the whole (virtual) screen, as the display shows it: the workbench window with its popups. */
final class Screenshot {
    private Screenshot() {}

    static void save(Display display, Path file) throws IOException {
        Rectangle bounds = display.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] { image.getImageData() };
        image.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        loader.save(file.toString(), SWT.IMAGE_PNG);
    }
}
