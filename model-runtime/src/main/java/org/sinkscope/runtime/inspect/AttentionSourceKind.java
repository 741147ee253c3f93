package org.sinkscope.runtime.inspect;

/** How attention probabilities are obtained; {@link #id()} is the name used in reports. */
public enum AttentionSourceKind {
    /** The model already outputs them (Optimum's attentions.N and kin). */
    DECLARED_OUTPUTS("declared-outputs"),
    /** Softmax nodes of attention blocks, exposed as extra graph outputs. */
    SOFTMAX_NODES("softmax-nodes"),
    /** ONNX Attention (opset 23+) or com.microsoft.GroupQueryAttention, told to output probabilities. */
    ATTENTION_OP("attention-op"),
    /** Fused away or absent. */
    NOT_OBTAINABLE("not-obtainable");

    private final String id;

    AttentionSourceKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
