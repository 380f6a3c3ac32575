package org.caducee.mss.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * The small icons of the folders, drawn once per part (no image files to ship): a professional (blue silhouette with a
 * cross), a patient (green silhouette), "déjà intégré" (green check), "à intégrer" (amber exclamation), "modifié"
 * (violet arrows). Disposed with the control that owns them.
 */
final class Icons {

    final Image professional;
    final Image patient;
    final Image integrated;
    final Image todo;
    final Image changed;

    Icons(Control owner) {
        Display d = owner.getDisplay();
        professional = person(d, new RGB(31, 95, 168), true);
        patient = person(d, new RGB(46, 139, 87), false);
        integrated = mark(d, new RGB(46, 139, 87), '✓');
        todo = mark(d, new RGB(217, 140, 0), '!');
        changed = mark(d, new RGB(122, 62, 160), '↻');
        owner.addDisposeListener(e -> {
            professional.dispose();
            patient.dispose();
            integrated.dispose();
            todo.dispose();
            changed.dispose();
        });
    }

    private static Image blank(Display d) {
        ImageData data = new ImageData(16, 16, 24, new org.eclipse.swt.graphics.PaletteData(0xFF0000, 0xFF00, 0xFF));
        data.transparentPixel = data.palette.getPixel(new RGB(255, 0, 255));
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                data.setPixel(x, y, data.transparentPixel);
            }
        }
        return new Image(d, data);
    }

    private static Image person(Display d, RGB rgb, boolean cross) {
        Image image = blank(d);
        GC gc = new GC(image);
        Color color = new Color(rgb);
        try {
            gc.setBackground(color);
            gc.fillOval(5, 1, 6, 6);
            gc.fillRoundRectangle(2, 8, 12, 8, 5, 5);
            if (cross) {
                gc.setBackground(d.getSystemColor(SWT.COLOR_WHITE));
                gc.fillRectangle(7, 9, 2, 6);
                gc.fillRectangle(5, 11, 6, 2);
            }
        } finally {
            gc.dispose();
        }
        return image;
    }

    private static Image mark(Display d, RGB rgb, char symbol) {
        Image image = blank(d);
        GC gc = new GC(image);
        Color color = new Color(rgb);
        try {
            gc.setAntialias(SWT.OFF);
            gc.setBackground(color);
            gc.fillOval(0, 0, 15, 15);
            gc.setForeground(d.getSystemColor(SWT.COLOR_WHITE));
            gc.setLineWidth(2);
            switch (symbol) {
            case '✓' -> {
                gc.drawLine(4, 8, 7, 11);
                gc.drawLine(7, 11, 12, 4);
            }
            case '!' -> {
                gc.drawLine(7, 3, 7, 9);
                gc.drawLine(7, 11, 7, 12);
            }
            default -> {
                gc.drawArc(3, 3, 9, 9, 30, 270);
                gc.drawLine(11, 3, 12, 6);
            }
            }
        } finally {
            gc.dispose();
        }
        return image;
    }
}
