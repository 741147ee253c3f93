package org.sinkscope.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sinkscope.app.ui.SinkScopeApp;
import org.sinkscope.runtime.source.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sinkscope [gui] [MODEL] [--prompt TEXT]}: without a subcommand, the desktop app. */
@Command(name = "sinkscope", mixinStandardHelpOptions = true, version = "SinkScope " + Version.VERSION,
        description = "See what attention does inside a transformer: attention sinks and mixing, per layer and head.",
        subcommands = {SinkScopeCommand.Gui.class, InspectCommand.class, AnalyzeCommand.class,
                FigureCommand.class, PerturbCommand.class, SweepCommand.class, BenchCommand.class})
public final class SinkScopeCommand implements Callable<Integer> {
    @Mixin
    WindowOptions window;

    @Override
    public Integer call() throws Exception {
        return window.open();
    }

    /** {@code sinkscope gui [MODEL] [--prompt TEXT]}. */
    @Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop app.")
    static final class Gui implements Callable<Integer> {
        @Mixin
        WindowOptions window;

        @Override
        public Integer call() throws Exception {
            return window.open();
        }
    }

    /** What the window opens on, shared by {@code sinkscope} and {@code sinkscope gui}. */
    static final class WindowOptions {
        @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
                description = "an .onnx file, a folder holding one, or demo:NAME (default: the default demo)")
        String model;

        @Option(names = "--prompt", description = "the prompt to run at once")
        String prompt;

        /** Checks the model before a window opens, so a typo fails here with a message rather than in a window. */
        int open() throws Exception {
            if (model != null) {
                boolean looksLikeModel = model.contains("/") || model.contains(".") || model.contains(":")
                        || Files.exists(Path.of(model));
                if (!looksLikeModel) {
                    throw new SinkScopeCli.CliException(SinkScopeCli.USAGE, "'" + model + "' is neither a subcommand"
                            + " (gui, inspect, analyze, figure, perturb, sweep, bench) nor a model: name an .onnx file,"
                            + " a folder, or demo:NAME");
                }
                ModelSource.resolve(model);
            }
            SinkScopeApp.open(model, prompt);
            return 0;
        }
    }
}
