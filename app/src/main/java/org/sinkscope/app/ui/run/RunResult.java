package org.sinkscope.app.ui.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.io.AnalysisReport;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * One finished run: the tokens, every head's attention and every metric, computed once.
 *
 * @param request         what was asked
 * @param modelName       a short name for titles (demo:NAME or folder/file.onnx)
 * @param prompt          the tokens as fed, BOS included when prepended
 * @param analysis        the attention and its metrics
 * @param attentionSource how the attention was obtained (AttentionSourceKind id)
 * @param notes           things worth telling the user (e.g. prompt past the trained context)
 * @param millis          wall time of tokenize + inference + metrics (model loading excluded)
 * @param report          the JSON report of CLI.md for this run (model path and sha256, tokens, metrics, "prompt"),
 *                        as {@code analyze --json} writes it; figures and saved analyses are made from it
 */
public record RunResult(RunRequest request, String modelName, TokenizedPrompt prompt, Analysis analysis,
        String attentionSource, List<String> notes, long millis, ObjectNode report) {

    /** A result without a model's report (hand-made results): the report names what is known, sha256 empty. */
    public RunResult(RunRequest request, String modelName, TokenizedPrompt prompt, Analysis analysis,
            String attentionSource, List<String> notes, long millis) {
        this(request, modelName, prompt, analysis, attentionSource, notes, millis,
                minimalReport(request, prompt, analysis, attentionSource, notes));
    }

    public AttentionSet attention() {
        return analysis.attention();
    }

    public int layers() {
        return attention().layers();
    }

    public int heads() {
        return attention().heads();
    }

    public int tokens() {
        return attention().tokens();
    }

    private static ObjectNode minimalReport(RunRequest request, TokenizedPrompt prompt, Analysis analysis,
            String attentionSource, List<String> notes) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode model = root.putObject("model");
        model.put("path", request.modelSpec());
        model.put("sha256", "");
        model.put("layers", analysis.attention().layers());
        model.put("heads", analysis.attention().heads());
        model.put("attentionSource", attentionSource);
        root.put("bos", prompt.bosPrepended());
        var tokens = root.putArray("tokens");
        for (int i = 0; i < prompt.length(); i++) {
            ObjectNode t = tokens.addObject();
            t.put("index", i);
            t.put("id", prompt.ids()[i]);
            t.put("text", prompt.texts()[i]);
        }
        ObjectNode full = AnalysisReport.withAnalysis(root, analysis);
        full.put("tokenCount", prompt.length());
        full.put("causal", analysis.attention().causal());
        var n = full.putArray("notes");
        notes.forEach(n::add);
        full.put("prompt", request.prompt());
        return full;
    }
}
