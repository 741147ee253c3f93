package org.sinkscope.app.ui.main;

import javafx.stage.Window;

/** Shows a failure in full; behind an interface so that GUI tests can see what would be shown without a dialog. */
@FunctionalInterface
public interface ErrorDetailsDialog {

    void show(Window owner, String summary, String details);
}
