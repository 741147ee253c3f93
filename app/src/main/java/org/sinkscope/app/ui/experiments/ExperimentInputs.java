package org.sinkscope.app.ui.experiments;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.sinkscope.runtime.metrics.SinkMetrics;

/**
 * What every experiment starts from: the model in use, the prompt, whether BOS is prepended and
 * the sink threshold. The window binds these to its own controls; tests set them directly.
 */
public final class ExperimentInputs {
    private final StringProperty modelSpec = new SimpleStringProperty("");
    private final StringProperty prompt = new SimpleStringProperty("");
    private final BooleanProperty withBos = new SimpleBooleanProperty(true);
    private final DoubleProperty epsilon = new SimpleDoubleProperty(SinkMetrics.DEFAULT_EPSILON);

    public StringProperty modelSpecProperty() {
        return modelSpec;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public BooleanProperty withBosProperty() {
        return withBos;
    }

    public DoubleProperty epsilonProperty() {
        return epsilon;
    }

    String modelSpec() {
        return modelSpec.get();
    }

    String prompt() {
        return prompt.get();
    }

    boolean withBos() {
        return withBos.get();
    }

    double epsilon() {
        return epsilon.get();
    }
}
