package org.sinkscope.runtime.experiments;

import java.util.Objects;

import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.session.RunCancellation;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * One prompt run twice, with and without the BOS token (METRICS.md section 7): both analyses,
 * and differences "with BOS minus without BOS" of the sink-score matrix, the per-layer sink rate
 * and the rollout sink share. Token 0 is the BOS token in the first run and the prompt's first
 * word in the second; both sink scores are read at position 0, as METRICS.md section 1 defines.
 */
public record BosComparison(TokenizedPrompt withBosPrompt, TokenizedPrompt withoutBosPrompt, Analysis withBos,
        Analysis withoutBos) {

    public BosComparison {
        Objects.requireNonNull(withBos, "withBos");
        Objects.requireNonNull(withoutBos, "withoutBos");
        if (withBos.attention().layers() != withoutBos.attention().layers()
                || withBos.attention().heads() != withoutBos.attention().heads()) {
            throw new IllegalArgumentException("both runs must come from one model: "
                    + withBos.attention().layers() + "x" + withBos.attention().heads() + " heads versus "
                    + withoutBos.attention().layers() + "x" + withoutBos.attention().heads());
        }
    }

    /** Runs {@code text} with and without BOS and analyses both at {@code epsilon} (every query counted). */
    public static BosComparison run(ModelSession session, String text, double epsilon) throws ModelException {
        return run(session, text, epsilon, new RunCancellation());
    }

    /** As {@link #run(ModelSession, String, double)}, stopped through {@code cancellation}. */
    public static BosComparison run(ModelSession session, String text, double epsilon, RunCancellation cancellation)
            throws ModelException {
        TokenizedPrompt with = session.tokenize(text, true);
        TokenizedPrompt without = session.tokenize(text, false);
        if (!with.bosPrepended()) {
            throw new ModelException("this model's tokenizer has no BOS token to prepend, so there is nothing to compare:"
                    + " pick a model whose tokenizer defines one");
        }
        if (without.length() < 1) {
            throw new ModelException("the prompt has no tokens without BOS: type some text");
        }
        return new BosComparison(with, without, session.analyze(with, epsilon, false, cancellation),
                session.analyze(without, epsilon, false, cancellation));
    }

    /** The same comparison judged at another epsilon; nothing is recomputed. */
    public BosComparison withEpsilon(double epsilon) {
        return new BosComparison(withBosPrompt, withoutBosPrompt, withBos.withEpsilon(epsilon),
                withoutBos.withEpsilon(epsilon));
    }

    /** Sink score with BOS minus sink score without, per [layer][head], in [-1, 1]. */
    public double[][] sinkScoreDifference() {
        return difference(withBos.sinks().sinkScore(), withoutBos.sinks().sinkScore());
    }

    /** Per-layer sink rate with BOS minus without, at this comparison's epsilon. */
    public double[] sinkRateByLayerDifference() {
        return difference(withBos.sinkRateByLayer(), withoutBos.sinkRateByLayer());
    }

    /** Per-layer rollout sink share R(l)[T-1][0] with BOS minus without. */
    public double[] sinkShareDifference() {
        return difference(withBos.mixing().sinkShare(), withoutBos.mixing().sinkShare());
    }

    static double[][] difference(double[][] a, double[][] b) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = difference(a[i], b[i]);
        }
        return d;
    }

    static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
