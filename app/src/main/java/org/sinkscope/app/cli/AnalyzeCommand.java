package org.sinkscope.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.io.AnalysisReport;
import org.sinkscope.runtime.io.AtomicFiles;
import org.sinkscope.runtime.io.NpyWriter;
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

/** {@code sinkscope analyze MODEL (--prompt|--prompt-file|--ids) ...}: one run, every metric, a summary and files. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the model once on a prompt and report sink scores, sink rates, entropy and mixing.")
final class AnalyzeCommand implements Callable<Integer> {
    private static final String STDOUT = "-";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "an .onnx file, a folder holding one, or demo:NAME")
    String model;

    @ArgGroup(exclusive = false, multiplicity = "1")
    PromptOptions prompt;

    @Option(names = "--epsilon", defaultValue = "0.3", description = "sink threshold (default ${DEFAULT-VALUE}; Barbero et al. use 0.8)")
    double epsilon;

    @Option(names = "--exclude-first-query", description = "average sink scores over queries 1..T-1")
    boolean excludeFirstQuery;

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the JSON report to FILE, or to standard output with -")
    String json;

    @Option(names = "--attention-npy", paramLabel = "FILE", description = "write all attention as float32 .npy [L, H, T, T]")
    Path attentionNpy;

    @Option(names = "--save", paramLabel = "FILE",
            description = "save the whole analysis as one .npz (numpy.load opens it; `sinkscope figure FILE` reopens it)")
    Path save;

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        SinkScopeCli.requireEpsilon(epsilon);
        List<Path> outputs = new ArrayList<>();
        if (json != null && !json.equals(STDOUT)) {
            outputs.add(Path.of(json));
        }
        if (attentionNpy != null) {
            outputs.add(attentionNpy);
        }
        if (save != null) {
            outputs.add(save);
        }
        for (Path p : outputs) {
            requireWritable(p);
        }
        ModelSource source = ModelSource.resolve(model);
        try (ModelSession session = ModelSession.open(source)) {
            TokenizedPrompt tokens = prompt.tokens(session);
            Analysis analysis = session.analyze(tokens, epsilon, excludeFirstQuery);
            ObjectNode reportNode = AnalysisReport.build(session.inspection(), tokens, analysis, session.notes());
            reportNode.put("prompt", FigureCommand.promptText(prompt));
            byte[] report = AnalysisReport.toBytes(reportNode);
            PrintWriter err = spec.commandLine().getErr();
            session.notes().forEach(n -> err.println("sinkscope: note: " + n));
            writeAll(analysis, tokens, report);
            if (STDOUT.equals(json)) {
                PrintWriter out = spec.commandLine().getOut();
                out.println(new String(report, StandardCharsets.UTF_8));
            } else {
                Summary.print(spec.commandLine().getOut(), session.inspection(), tokens, analysis);
            }
        }
        return 0;
    }

    /** Writes every requested file, or none: a failure removes what this run already wrote. */
    private void writeAll(Analysis analysis, TokenizedPrompt tokens, byte[] report) throws ModelException {
        AttentionSet attention = analysis.attention();
        List<Path> written = new ArrayList<>();
        try {
            if (save != null) {
                SavedAnalysis.write(save, analysis, tokens, report);
                written.add(save);
            }
            if (attentionNpy != null) {
                NpyWriter.writeAttention(attentionNpy, attention);
                written.add(attentionNpy);
            }
            if (json != null && !json.equals(STDOUT)) {
                Path p = Path.of(json);
                AtomicFiles.write(p, out -> out.write(report));
                written.add(p);
            }
        } catch (IOException e) {
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the message below says what failed
                }
            }
            throw new ModelException("cannot write output (" + e.getMessage() + "): check the folder exists, is writable"
                    + " and has free space");
        }
    }

    static void requireWritable(Path file) throws ModelException {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new ModelException("output " + file + " is a folder: name a file");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelException("cannot write " + file + ": folder " + dir + " does not exist; create it first");
        }
        if (!Files.isWritable(dir)) {
            throw new ModelException("cannot write " + file + ": folder " + dir + " is not writable; choose another");
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
