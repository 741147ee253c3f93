package org.sinkscope.app.ui.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.experiments.ContextSweep;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Context-length sweep: prefixes of a long text at 16, 32, 64, ... tokens (BOS counted when
 * prepended), up to the model's context, the text's length or the limit set here, whichever is
 * least; the sink rate at each length, overall and per layer.
 */
public final class SweepViewModel {
    /** Where the long text comes from. */
    public enum Source {
        DEMO_TEXT("the shipped story (long-walk.txt)"),
        PROMPT_REPEATED("the prompt, repeated");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The resource holding the shipped long text (a story written for SinkScope, CC0). */
    public static final String DEMO_TEXT_RESOURCE = "sinkscope/texts/long-walk.txt";

    /** The sweep and where it came from. */
    public record Result(String modelName, Source source, int available, ContextSweep.Result sweep) {
    }

    private final ExperimentInputs inputs;
    private final ExperimentRunner runner;
    private final ExperimentTask<Result> task;
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.DEMO_TEXT);
    private final IntegerProperty maxLength = new SimpleIntegerProperty(512);

    SweepViewModel(ExperimentInputs inputs, ExperimentRunner runner, BackgroundExecutor executor) {
        this.inputs = inputs;
        this.runner = runner;
        this.task = new ExperimentTask<>(executor);
    }

    public void run() {
        String spec = inputs.modelSpec();
        Source src = source.get();
        String text = src == Source.DEMO_TEXT ? demoText() : repeated(inputs.prompt());
        boolean bos = inputs.withBos();
        double eps = inputs.epsilon();
        int limit = maxLength.get();
        task.launch("Sweeping prompt lengths on " + spec, c -> runner.with(spec, (s, name) -> {
            TokenizedPrompt full = s.tokenize(text, bos);
            int max = Math.min(full.length(), limit);
            max = Math.min(max, s.inspection().config().maxPositions().orElse(Integer.MAX_VALUE));
            if (max < 1) {
                throw new ModelException("the text has no tokens: type a prompt or use the shipped story");
            }
            return new Result(name, src, full.length(), ContextSweep.run(s, full, ContextSweep.defaultLengths(max), eps,
                    c));
        }), r -> String.format(Locale.ROOT, "%s \u00b7 %s \u00b7 lengths %d..%d \u00b7 sink rate at \u03b5=%.2f from %.3f to %.3f",
                r.modelName(), r.source(), r.sweep().lengths()[0], r.sweep().lengths()[r.sweep().lengths().length - 1],
                r.sweep().epsilon(), r.sweep().sinkRate()[0], r.sweep().sinkRate()[r.sweep().sinkRate().length - 1]));
    }

    /** The prompt repeated until it is about 4000 characters long (several hundred tokens). */
    static String repeated(String prompt) {
        String p = prompt == null ? "" : prompt.strip();
        if (p.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(p);
        while (b.length() < 4000) {
            b.append(' ').append(p);
        }
        return b.toString();
    }

    /** The shipped long text. */
    public static String demoText() {
        try (InputStream in = SweepViewModel.class.getClassLoader().getResourceAsStream(DEMO_TEXT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_TEXT_RESOURCE + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** The longest prefix to run, in tokens (the model's context and the text's length cap it too). */
    public IntegerProperty maxLengthProperty() {
        return maxLength;
    }

    public ExperimentTask<Result> task() {
        return task;
    }
}
