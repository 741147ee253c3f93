package org.sinkscope.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.inspect.Inspection;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/** The human-readable summary {@code analyze} prints when no JSON goes to standard output. */
final class Summary {
    private static final int TOP_HEADS = 5;

    private Summary() {
    }

    static void print(PrintWriter out, Inspection ins, TokenizedPrompt tokens, Analysis analysis) {
        AttentionSet a = analysis.attention();
        double eps = analysis.epsilon();
        out.println("model:      " + ins.source().displayName() + " (" + a.layers() + " layers x " + a.heads() + " heads, "
                + (a.causal() ? "causal" : "bidirectional") + ", attention from " + ins.attention().kind().id() + ")");
        out.println("tokens:     " + tokens.length() + (tokens.bosPrepended() ? " (BOS prepended)" : "")
                + "  first: '" + tokens.displayText(0) + "'");
        out.println("sink rate:  " + AnalyzeCommand.fmt(analysis.sinks().sinkRate(eps)) + " of heads have sink score > "
                + eps + (analysis.sinks().excludeFirstQuery() ? " (first query excluded)" : ""));
        double[] byLayer = analysis.sinks().sinkRateByLayer(eps);
        double[] share = analysis.mixing().sinkShare();
        double[] mix = analysis.mixing().mixingEntropy();
        double[] ablated = analysis.mixing().ablatedMixingEntropy();
        out.println("layer  sink-rate  mean-score  entropy  rollout-sink-share  mixing-entropy  (sink ablated)");
        for (int l = 0; l < a.layers(); l++) {
            double mean = 0;
            double ent = 0;
            for (int h = 0; h < a.heads(); h++) {
                mean += analysis.sinks().sinkScore()[l][h];
                ent += analysis.entropy().entropy()[l][h];
            }
            out.printf("%5d  %9s  %10s  %7s  %18s  %14s  %s%n", l, AnalyzeCommand.fmt(byLayer[l]),
                    AnalyzeCommand.fmt(mean / a.heads()), AnalyzeCommand.fmt(ent / a.heads()),
                    AnalyzeCommand.fmt(share[l]), AnalyzeCommand.fmt(mix[l]), AnalyzeCommand.fmt(ablated[l]));
        }
        List<int[]> heads = new ArrayList<>();
        for (int l = 0; l < a.layers(); l++) {
            for (int h = 0; h < a.heads(); h++) {
                heads.add(new int[] {l, h});
            }
        }
        double[][] s = analysis.sinks().sinkScore();
        heads.sort(Comparator.comparingDouble((int[] lh) -> -s[lh[0]][lh[1]]));
        StringBuilder top = new StringBuilder("strongest sinks:");
        for (int k = 0; k < Math.min(TOP_HEADS, heads.size()); k++) {
            int[] lh = heads.get(k);
            top.append(" L").append(lh[0]).append("H").append(lh[1]).append('=').append(AnalyzeCommand.fmt(s[lh[0]][lh[1]]));
        }
        out.println(top);
    }
}
