package org.sinkscope.app.figure;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import org.sinkscope.app.cli.Version;
import org.sinkscope.runtime.io.SavedAnalysis;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * What a figure is drawn from: the analysis, each token's label, and the facts its caption and
 * metadata state. Built from the JSON report in both cases (a fresh run or a saved analysis),
 * so the two give identical figures.
 *
 * @param model   the model as titles name it (demo:NAME, or folder/file.onnx)
 * @param prompt  the prompt text, or "ids: 1,2,3" when ids were given
 * @param bos     whether the sequence starts with the model's BOS token
 */
public record FigureInput(Analysis analysis, String[] labels, String model, String sha256, String prompt, boolean bos,
                          String attentionSource) {

    /** From a run's JSON report (AnalysisReport) and the analysis it describes. */
    public static FigureInput of(Analysis analysis, JsonNode report, String prompt) {
        JsonNode tokens = report.path("tokens");
        String[] labels = new String[tokens.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = TokenizedPrompt.display(tokens.get(i).path("text").asText(""));
        }
        if (labels.length != analysis.attention().tokens()) {
            throw new IllegalArgumentException("report names " + labels.length + " tokens, attention has "
                    + analysis.attention().tokens());
        }
        return new FigureInput(analysis, labels, modelName(report.at("/model/path").asText("?")),
                report.at("/model/sha256").asText(""), prompt == null ? "" : prompt, report.path("bos").asBoolean(false),
                report.at("/model/attentionSource").asText(""));
    }

    /**
     * From an analysis saved by {@code analyze --save} (or the window's Save analysis), read at
     * {@code epsilonOrNull} or at the saved threshold: what {@code sinkscope figure FILE.npz}
     * and the window draw for a reopened analysis.
     */
    public static FigureInput ofSaved(SavedAnalysis saved, Double epsilonOrNull) {
        Analysis analysis = epsilonOrNull == null ? saved.analysis() : saved.analysis().withEpsilon(epsilonOrNull);
        return of(analysis, saved.report(), saved.report().path("prompt").asText(""));
    }

    /** The model as titles name it: demo:NAME as is, a file as folder/file.onnx. */
    public static String modelName(String path) {
        if (path.startsWith("demo:")) {
            return path;
        }
        Path p = Path.of(path);
        Path parent = p.getParent();
        return parent == null || parent.getFileName() == null ? String.valueOf(p.getFileName())
                : parent.getFileName() + "/" + p.getFileName();
    }

    public int tokens() {
        return analysis.attention().tokens();
    }

    public String epsilonText() {
        return fmt(analysis.epsilon());
    }

    public static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    public String appVersion() {
        return "SinkScope " + Version.VERSION;
    }
}
