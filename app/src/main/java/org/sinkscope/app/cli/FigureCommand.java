package org.sinkscope.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sinkscope.app.figure.Figure;
import org.sinkscope.app.figure.FigureInput;
import org.sinkscope.app.figure.FigureWriter;
import org.sinkscope.app.figure.FigureWriter.Format;
import org.sinkscope.app.figure.View;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.io.AnalysisReport;
import org.sinkscope.runtime.io.SavedAnalysis;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sinkscope figure MODEL (--prompt ...) --view VIEW --out FILE}: a publication figure, no window. */
@Command(name = "figure", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a publication figure (PNG, SVG or PDF) of one view without opening a window."
                + " MODEL may also be an analysis saved by `analyze --save`, which needs no prompt.")
final class FigureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "an .onnx file, a folder holding one, demo:NAME, or a saved analysis (.npz)")
    String model;

    @ArgGroup(exclusive = false, multiplicity = "0..1")
    PromptOptions prompt;

    @Option(names = "--view", required = true, paramLabel = "VIEW", description = "grid | head:L.H | sinks | mixing | layer:L")
    String view;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the figure file to write")
    Path out;

    @Option(names = "--format", paramLabel = "png|svg|pdf", description = "default: from the --out extension")
    String format;

    @Option(names = "--dpi", defaultValue = "300", description = "PNG resolution (default ${DEFAULT-VALUE})")
    int dpi;

    @Option(names = "--width-mm", defaultValue = "180", description = "figure width in mm (default ${DEFAULT-VALUE})")
    double widthMm;

    @Option(names = "--epsilon", paramLabel = "EPS",
            description = "sink threshold (default 0.3, or the saved analysis's)")
    Double epsilon;

    @Option(names = "--log", description = "log colour scale (1e-4 to 1) instead of linear 0 to 1")
    boolean log;

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        View v;
        try {
            v = View.parse(view);
        } catch (IllegalArgumentException e) {
            throw new SinkScopeCli.CliException(SinkScopeCli.USAGE, e.getMessage());
        }
        Format fmt = resolveFormat();
        if (dpi < 36 || dpi > 2400) {
            throw new SinkScopeCli.CliException(SinkScopeCli.USAGE, "--dpi must lie in 36..2400, got " + dpi);
        }
        if (!(widthMm >= 20 && widthMm <= 1000)) {
            throw new SinkScopeCli.CliException(SinkScopeCli.USAGE, "--width-mm must lie in 20..1000, got " + widthMm);
        }
        if (epsilon != null) {
            SinkScopeCli.requireEpsilon(epsilon);
        }
        AnalyzeCommand.requireWritable(out);
        FigureInput input = isSaved() ? fromSaved() : fromModel();
        try {
            v.check(input.analysis().attention().layers(), input.analysis().attention().heads());
        } catch (IllegalArgumentException e) {
            throw new SinkScopeCli.CliException(SinkScopeCli.USAGE, e.getMessage());
        }
        Figure fig;
        try {
            fig = FigureWriter.write(input, v, fmt, out, dpi, widthMm, log);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot write figure " + out + " (" + e.getMessage() + "): check the folder is"
                    + " writable and has free space");
        }
        spec.commandLine().getOut().println("wrote " + out + " (" + fmt.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + v + (fig.rasterCells() ? ", heatmap cells as embedded image" : "") + ")");
        return 0;
    }

    private Format resolveFormat() throws SinkScopeCli.CliException {
        if (format != null) {
            return Format.parse(format).orElseThrow(() -> new SinkScopeCli.CliException(SinkScopeCli.USAGE,
                    "unknown --format '" + format + "': use png, svg or pdf"));
        }
        return Format.ofFile(out).orElseThrow(() -> new SinkScopeCli.CliException(SinkScopeCli.USAGE,
                "cannot tell the format of " + out + ": end the name in .png, .svg or .pdf, or give --format"));
    }

    private boolean isSaved() {
        // an .onnx path is a model even when its bytes are a zip (then it is a broken model, status 3)
        return !model.startsWith(ModelSource.DEMO_PREFIX) && !model.endsWith(".onnx")
                && (model.endsWith(SavedAnalysis.EXTENSION) || SavedAnalysis.looksLikeArchive(Path.of(model)));
    }

    private FigureInput fromSaved() throws Exception {
        if (prompt != null) {
            throw new SinkScopeCli.CliException(SinkScopeCli.USAGE, model + " is a saved analysis: it holds its own"
                    + " tokens, so drop --prompt/--prompt-file/--ids/--no-bos");
        }
        SavedAnalysis saved;
        try {
            saved = SavedAnalysis.read(Path.of(model));
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot read saved analysis " + model + " (" + e.getMessage() + "): give a file"
                    + " written by `sinkscope analyze --save`");
        }
        return FigureInput.ofSaved(saved, epsilon);
    }

    private FigureInput fromModel() throws Exception {
        if (prompt == null) {
            throw new SinkScopeCli.CliException(SinkScopeCli.USAGE, "give the prompt: --prompt TEXT, --prompt-file FILE"
                    + " or --ids 1,2,3 (only a saved analysis needs none)");
        }
        ModelSource source = ModelSource.resolve(model);
        try (ModelSession session = ModelSession.open(source)) {
            TokenizedPrompt tokens = prompt.tokens(session);
            Analysis analysis = session.analyze(tokens, epsilon == null ? 0.3 : epsilon, false);
            ObjectNode report = AnalysisReport.build(session.inspection(), tokens, analysis, session.notes());
            session.notes().forEach(n -> spec.commandLine().getErr().println("sinkscope: note: " + n));
            return FigureInput.of(analysis, report, promptText(prompt));
        }
    }

    /** The prompt as figures' metadata state it: the text, or "ids: 1,2,3". */
    static String promptText(PromptOptions p) throws ModelException {
        if (p.input.ids != null) {
            return "ids: " + Arrays.stream(p.input.ids).mapToObj(Long::toString).collect(Collectors.joining(","));
        }
        return p.input.prompt != null ? p.input.prompt : PromptOptions.readPromptFile(p.input.promptFile);
    }
}
