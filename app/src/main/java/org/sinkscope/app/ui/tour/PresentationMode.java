package org.sinkscope.app.ui.tour;

import java.util.Objects;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Presentation mode: F5 adds (and removes) a stylesheet with larger fonts and high contrast. */
public final class PresentationMode {
    public static final String STYLESHEET = Objects.requireNonNull(PresentationMode.class.getResource("presentation.css"),
            "presentation.css is missing from the application").toExternalForm();

    private PresentationMode() {
    }

    /** Lets F5 toggle presentation mode on {@code scene}. */
    public static void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                toggle(scene);
                e.consume();
            }
        });
    }

    public static boolean isOn(Scene scene) {
        return scene.getStylesheets().contains(STYLESHEET);
    }

    public static void toggle(Scene scene) {
        if (!scene.getStylesheets().remove(STYLESHEET)) {
            scene.getStylesheets().add(STYLESHEET);
        }
    }
}
