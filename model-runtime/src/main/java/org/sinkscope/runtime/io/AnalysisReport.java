package org.sinkscope.runtime.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.sinkscope.runtime.inspect.Inspection;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * The JSON report of {@code sinkscope analyze --json} (CLI.md: the fields named there are a
 * contract; fields added here come after them).
 */
public final class AnalysisReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalysisReport() {
    }

    public static ObjectNode build(Inspection inspection, TokenizedPrompt prompt, Analysis analysis, List<String> notes) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("path", inspection.source().demo().isPresent() ? inspection.source().spec()
                : inspection.source().modelFile().toAbsolutePath().toString());
        model.put("sha256", inspection.sha256());
        model.put("layers", analysis.attention().layers());
        model.put("heads", analysis.attention().heads());
        model.put("attentionSource", inspection.attention().kind().id());
        root.put("bos", startsWithBos(inspection, prompt));
        ArrayNode tokens = root.putArray("tokens");
        for (int i = 0; i < prompt.length(); i++) {
            ObjectNode t = tokens.addObject();
            t.put("index", i);
            t.put("id", prompt.ids()[i]);
            t.put("text", prompt.texts()[i]);
        }
        putMetrics(root, analysis);
        // beyond the contract
        root.put("tokenCount", prompt.length());
        root.put("causal", analysis.attention().causal());
        ObjectNode defs = root.putObject("definitions");
        defs.put("sinkScore", analysis.sinks().excludeFirstQuery()
                ? "mean over queries i=1..T-1 of A[i][0] (METRICS.md 1, exclude first query)"
                : "mean over queries i=0..T-1 of A[i][0] (METRICS.md 1)");
        defs.put("sinkRate", "share of heads with sinkScore > epsilon (METRICS.md 1)");
        defs.put("entropy", "mean over queries i>=1 of -sum_j A ln A / ln(visible keys) (METRICS.md 2)");
        defs.put("mixing", "attention rollout R(l) = (0.5 mean_h A + 0.5 I) R(l-1), row T-1 (METRICS.md 3)");
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        return root;
    }

    /**
     * A copy of {@code report} whose metric fields (epsilon, sink scores and rates, entropy,
     * mixing) are those of {@code analysis}; model, tokens, notes and the rest are kept. For
     * saving or exporting a run at the threshold the user has chosen since.
     */
    public static ObjectNode withAnalysis(ObjectNode report, Analysis analysis) {
        ObjectNode root = report.deepCopy();
        putMetrics(root, analysis);
        return root;
    }

    /** The metric fields, in the contract's order; an existing field keeps its place when replaced. */
    private static void putMetrics(ObjectNode root, Analysis analysis) {
        double eps = analysis.epsilon();
        root.put("epsilon", eps);
        root.put("excludeFirstQuery", analysis.sinks().excludeFirstQuery());
        root.set("sinkScore", matrix(analysis.sinks().sinkScore()));
        root.put("sinkRate", analysis.sinks().sinkRate(eps));
        root.set("sinkRateByLayer", vector(analysis.sinks().sinkRateByLayer(eps)));
        root.set("entropy", matrix(analysis.entropy().entropy()));
        ObjectNode mixing = root.putObject("mixing");
        mixing.set("sinkShare", vector(analysis.mixing().sinkShare()));
        mixing.set("mixingEntropy", vector(analysis.mixing().mixingEntropy()));
        mixing.set("ablatedMixingEntropy", vector(analysis.mixing().ablatedMixingEntropy()));
        mixing.set("ablatedSinkShare", vector(analysis.mixing().ablatedSinkShare()));
    }

    public static byte[] toBytes(ObjectNode report) {
        try {
            return JSON.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of numbers and strings always serializes", e);
        }
    }

    private static boolean startsWithBos(Inspection inspection, TokenizedPrompt prompt) {
        return prompt.bosPrepended() || inspection.bosId().isPresent() && prompt.length() > 0
                && prompt.ids()[0] == inspection.bosId().getAsInt();
    }

    private static ArrayNode vector(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static ArrayNode matrix(double[][] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double[] row : values) {
            a.add(vector(row));
        }
        return a;
    }
}
