package org.sinkscope.runtime.experiments;

import java.util.Optional;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.hidden.HiddenStates;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.session.RunCancellation;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Barbero et al.'s perturbation experiment (METRICS.md section 4): replace the token at one
 * position and measure, per hidden state and position, D_j = ||h_j(x) - h_j(x')|| / ||h_j(x)||.
 * Without hidden states the same ratio is taken over each query row of the attention maps
 * (all heads of a layer together).
 */
public final class Perturbation {
    /**
     * @param relativeChange one row per hidden state (row 0 = embedding output) or, attention-only,
     *                       one row per layer; one column per position
     * @param source         "declared-outputs", "residual-stream" or "attention-only"
     */
    public record Result(TokenizedPrompt original, TokenizedPrompt perturbed, int position, long replacementId,
            double[][] relativeChange, String source) {
    }

    public static final String ATTENTION_ONLY = "attention-only";

    private Perturbation() {
    }

    public static Result run(ModelSession session, TokenizedPrompt prompt, int position, String replacement)
            throws ModelException {
        return run(session, prompt, position, replacement, new RunCancellation());
    }

    /** As {@link #run(ModelSession, TokenizedPrompt, int, String)}, stopped through {@code cancellation}. */
    public static Result run(ModelSession session, TokenizedPrompt prompt, int position, String replacement,
            RunCancellation cancellation) throws ModelException {
        if (position < 0 || position >= prompt.length()) {
            throw new ModelException("position " + position + " is outside the prompt's " + prompt.length()
                    + " tokens (0.." + (prompt.length() - 1) + ", BOS included): pick a position inside it");
        }
        long id = session.singleTokenId(replacement);
        long[] ids = prompt.ids().clone();
        ids[position] = id;
        String[] texts = prompt.texts().clone();
        texts[position] = session.fromIds(new long[] {id}).texts()[0];
        TokenizedPrompt perturbed = new TokenizedPrompt(ids, prompt.typeIds(), texts, prompt.bosPrepended());
        ModelSession.Output a = session.run(prompt, true, cancellation);
        ModelSession.Output b = session.run(perturbed, true, cancellation);
        Optional<HiddenStates> ha = a.hidden();
        if (ha.isPresent() && b.hidden().isPresent()) {
            return new Result(prompt, perturbed, position, id, relativeChange(ha.get(), b.hidden().get()),
                    session.hiddenSource().kind());
        }
        return new Result(prompt, perturbed, position, id, relativeChange(a.attention(), b.attention()), ATTENTION_ONLY);
    }

    static double[][] relativeChange(HiddenStates x, HiddenStates y) {
        int t = x.tokens();
        int d = x.width();
        double[][] r = new double[x.count()][t];
        for (int s = 0; s < x.count(); s++) {
            float[] a = x.stateData(s);
            float[] b = y.stateData(s);
            for (int j = 0; j < t; j++) {
                double diff = 0;
                double norm = 0;
                for (int k = 0; k < d; k++) {
                    double v = a[j * d + k];
                    double e = v - b[j * d + k];
                    diff += e * e;
                    norm += v * v;
                }
                r[s][j] = norm == 0 ? 0 : Math.sqrt(diff / norm);
            }
        }
        return r;
    }

    static double[][] relativeChange(AttentionSet x, AttentionSet y) {
        int t = x.tokens();
        double[][] r = new double[x.layers()][t];
        for (int l = 0; l < x.layers(); l++) {
            for (int i = 0; i < t; i++) {
                double diff = 0;
                double norm = 0;
                for (int h = 0; h < x.heads(); h++) {
                    for (int j = 0; j <= (x.causal() ? i : t - 1); j++) {
                        double v = x.get(l, h, i, j);
                        double e = v - y.get(l, h, i, j);
                        diff += e * e;
                        norm += v * v;
                    }
                }
                r[l][i] = norm == 0 ? 0 : Math.sqrt(diff / norm);
            }
        }
        return r;
    }
}
