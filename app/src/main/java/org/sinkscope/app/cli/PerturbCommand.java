package org.sinkscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sinkscope.runtime.experiments.Perturbation;
import org.sinkscope.runtime.io.AnalysisReport;
import org.sinkscope.runtime.io.AtomicFiles;
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

/** {@code sinkscope perturb MODEL (--prompt ...) --position I --replacement TEXT}: Barbero et al.'s experiment. */
@Command(name = "perturb", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replace the token at one position and report, per layer and position, the relative change of"
                + " the hidden states (METRICS.md section 4); without hidden states, of the attention rows.")
final class PerturbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "an .onnx file, a folder holding one, or demo:NAME")
    String model;

    @ArgGroup(exclusive = false, multiplicity = "1")
    PromptOptions prompt;

    @Option(names = "--position", required = true, paramLabel = "I",
            description = "0-based position in the token sequence, BOS included")
    int position;

    @Option(names = "--replacement", required = true, paramLabel = "TEXT",
            description = "text that encodes to exactly one token (e.g. ' dog')")
    String replacement;

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the JSON report to FILE, or to standard output with -")
    String json;

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (json != null && !json.equals("-")) {
            AnalyzeCommand.requireWritable(Path.of(json));
        }
        try (ModelSession session = ModelSession.open(ModelSource.resolve(model))) {
            TokenizedPrompt tokens = prompt.tokens(session);
            Perturbation.Result r = Perturbation.run(session, tokens, position, replacement);
            Analysis analysis = session.analyze(tokens, 0.3, false);
            ObjectNode report = AnalysisReport.build(session.inspection(), tokens, analysis, session.notes());
            report.put("position", position);
            report.put("replacementId", r.replacementId());
            report.put("replacementText", r.perturbed().texts()[position]);
            report.put("originalId", tokens.ids()[position]);
            report.put("hiddenSource", r.source());
            report.set("relativeChange", new ObjectMapper().valueToTree(r.relativeChange()));
            ArrayNode rows = report.putArray("rowLabels");
            for (int s = 0; s < r.relativeChange().length; s++) {
                rows.add(r.source().equals(Perturbation.ATTENTION_ONLY) ? "attention layer " + s
                        : s == 0 ? "embedding output" : "after layer " + (s - 1));
            }
            byte[] bytes = AnalysisReport.toBytes(report);
            PrintWriter out = spec.commandLine().getOut();
            if ("-".equals(json)) {
                out.println(new String(bytes, StandardCharsets.UTF_8));
                return 0;
            }
            if (json != null) {
                AtomicFiles.write(Path.of(json), o -> o.write(bytes));
            }
            out.println("replaced '" + tokens.displayText(position) + "' (" + tokens.ids()[position] + ") at position "
                    + position + " with '" + r.perturbed().displayText(position) + "' (" + r.replacementId() + "); source: "
                    + r.source());
            out.println("row                 mean change after the position   max change");
            for (int s = 0; s < r.relativeChange().length; s++) {
                double[] row = r.relativeChange()[s];
                double sum = 0;
                double max = 0;
                int n = 0;
                for (int j = position + 1; j < row.length; j++) {
                    sum += row[j];
                    max = Math.max(max, row[j]);
                    n++;
                }
                out.printf("%-20s %29s   %10s%n", rows.get(s).asText(), AnalyzeCommand.fmt(n == 0 ? 0 : sum / n),
                        AnalyzeCommand.fmt(max));
            }
        }
        return 0;
    }
}
