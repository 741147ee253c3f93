package org.sinkscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sinkscope.runtime.experiments.ContextSweep;
import org.sinkscope.runtime.inspect.Inspection;
import org.sinkscope.runtime.io.AtomicFiles;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sinkscope sweep MODEL --prompt-file FILE [--lengths ...]}: sink rate against prompt length. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run prefixes of a text at several lengths (BOS included in the count) and report the sink rate"
                + " per length, overall and per layer.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "an .onnx file, a folder holding one, or demo:NAME")
    String model;

    @Option(names = "--prompt-file", required = true, paramLabel = "FILE", description = "a UTF-8 text file")
    Path promptFile;

    @Option(names = "--lengths", split = ",", paramLabel = "16,32,...",
            description = "prefix lengths in tokens (default: 16, 32, 64, ... up to the model's context or the text)")
    int[] lengths;

    @Option(names = "--no-bos", description = "do not prepend the BOS token")
    boolean noBos;

    @Option(names = "--epsilon", defaultValue = "0.3", description = "sink threshold (default ${DEFAULT-VALUE})")
    double epsilon;

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the JSON result to FILE, or to standard output with -")
    String json;

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        SinkScopeCli.requireEpsilon(epsilon);
        if (json != null && !json.equals("-")) {
            AnalyzeCommand.requireWritable(Path.of(json));
        }
        String text = PromptOptions.readPromptFile(promptFile);
        try (ModelSession session = ModelSession.open(ModelSource.resolve(model))) {
            TokenizedPrompt full = session.tokenize(text, !noBos);
            int context = session.inspection().config().maxPositions().orElse(full.length());
            int[] wanted = lengths != null ? lengths : ContextSweep.defaultLengths(Math.min(context, full.length()));
            ContextSweep.Result result = ContextSweep.run(session, full, wanted, epsilon);
            ObjectNode report = report(session.inspection(), full, result);
            PrintWriter out = spec.commandLine().getOut();
            result.skipped().forEach(s -> spec.commandLine().getErr().println("sinkscope: note: " + s));
            byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report);
            if ("-".equals(json)) {
                out.println(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                return 0;
            }
            if (json != null) {
                AtomicFiles.write(Path.of(json), o -> o.write(bytes));
            }
            out.println("length  sink-rate  mean-sink-score   (epsilon " + epsilon + ", " + session.inspection().source().displayName() + ")");
            for (int i = 0; i < result.lengths().length; i++) {
                out.printf("%6d  %9s  %15s%n", result.lengths()[i], AnalyzeCommand.fmt(result.sinkRate()[i]),
                        AnalyzeCommand.fmt(result.meanSinkScore()[i]));
            }
        }
        return 0;
    }

    private static ObjectNode report(Inspection ins, TokenizedPrompt full, ContextSweep.Result r) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("path", ins.source().demo().isPresent() ? ins.source().spec() : ins.source().modelFile().toAbsolutePath().toString());
        model.put("sha256", ins.sha256());
        model.put("attentionSource", ins.attention().kind().id());
        root.put("bos", full.bosPrepended());
        root.put("epsilon", r.epsilon());
        root.set("lengths", m.valueToTree(r.lengths()));
        root.set("sinkRate", m.valueToTree(r.sinkRate()));
        root.set("sinkRateByLayer", m.valueToTree(r.sinkRateByLayer()));
        root.set("meanSinkScore", m.valueToTree(r.meanSinkScore()));
        ArrayNode notes = root.putArray("notes");
        r.skipped().forEach(notes::add);
        root.put("promptTokens", full.length());
        root.put("definition", "sinkRate at each length = share of heads whose mean attention to token 0 over all"
                + " queries of that prefix exceeds epsilon (METRICS.md 1)");
        return root;
    }
}
