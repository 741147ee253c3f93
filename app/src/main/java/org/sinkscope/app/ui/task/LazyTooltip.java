package org.sinkscope.app.ui.task;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;

/**
 * A tooltip made on the node's first hover. Grids of heads make dozens of nodes per result and
 * most are never hovered: building their tooltips up front is FX-thread time nobody sees.
 */
public final class LazyTooltip {
    private LazyTooltip() {
    }

    /** Installs a tooltip with {@code text} on {@code node} the first time the mouse enters it. */
    public static void install(Node node, Supplier<String> text) {
        boolean[] installed = {false};
        node.setOnMouseEntered(e -> {
            if (!installed[0]) {
                installed[0] = true;
                Tooltip.install(node, new Tooltip(text.get()));
            }
        });
    }
}
