package org.sinkscope.app.ui.run;

import java.util.List;
import org.sinkscope.runtime.attention.AttentionSet;
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
 */
public record RunResult(RunRequest request, String modelName, TokenizedPrompt prompt, Analysis analysis,
        String attentionSource, List<String> notes, long millis) {

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
}
