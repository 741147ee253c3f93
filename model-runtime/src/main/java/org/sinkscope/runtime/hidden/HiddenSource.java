package org.sinkscope.runtime.hidden;

import java.util.List;

/**
 * Where hidden states come from.
 *
 * @param kind    "declared-outputs", "residual-stream", or "none"
 * @param outputs graph values holding h^(0) .. h^(L), in order (empty when none)
 * @param detail  a sentence for people: what was found, or why nothing was
 */
public record HiddenSource(String kind, List<String> outputs, String detail) {
    public static final String DECLARED = "declared-outputs";
    public static final String RESIDUAL = "residual-stream";
    public static final String NONE = "none";

    public boolean available() {
        return !outputs.isEmpty();
    }
}
