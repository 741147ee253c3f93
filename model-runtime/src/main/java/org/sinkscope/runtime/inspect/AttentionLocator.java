package org.sinkscope.runtime.inspect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.onnx.proto.Onnx.AttributeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.GraphProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;

/**
 * Finds where a graph's attention probabilities come from, in this order: declared outputs,
 * Softmax nodes of attention blocks, the ONNX Attention operator, com.microsoft
 * GroupQueryAttention; anything else is reported as not obtainable, naming the node.
 */
public final class AttentionLocator {
    static final String MS = "com.microsoft";
    private static final Pattern DECLARED_NAME = Pattern.compile("(?i).*(attentions?|attn)[._/-]?(probs?)?[._/-]?(\\d+)?.*");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");
    private static final Set<String> NOT_ATTENTION_WORDS = Set.of("present", "past", "cache", "key", "value", "mask",
            "logits", "hidden", "output_attention_mask");
    /** Operators between the QK product and the Softmax: scaling, masking, reshaping, casting. */
    private static final Set<String> PASS_THROUGH = Set.of("Add", "Sub", "Mul", "Div", "Where", "Cast", "Reshape",
            "Transpose", "Unsqueeze", "Squeeze", "Expand", "Clip", "Identity", "Max", "Min", "Neg", "Tanh",
            "Slice", "Concat", "DequantizeLinear", "QuantizeLinear");
    private static final Set<String> PRODUCTS = Set.of("MatMul", "MatMulInteger", "Einsum", "QLinearMatMul",
            "FusedMatMul", "Gemm");
    /** Fused operators that compute attention without showing their probabilities. */
    private static final Set<String> FUSED_MS = Set.of("Attention", "MultiHeadAttention", "PackedAttention",
            "PackedMultiHeadAttention", "DecoderAttention", "DecoderMaskedMultiHeadAttention",
            "DecoderMaskedSelfAttention", "SparseAttention", "PagedAttention", "LongformerAttention",
            "QAttention", "QOrderedAttention");
    private static final int MAX_WALK = 24;

    private static final String REMEDY = "re-export the model with eager attention and no fusion"
            + " (e.g. transformers with attn_implementation=\"eager\", torch.onnx.export, and no ONNX Runtime"
            + " transformer optimizer)";

    private AttentionLocator() {
    }

    /** Locates attention in a graph; never throws, a failure is a NOT_OBTAINABLE source. */
    public static AttentionSource locate(OnnxGraph graph) {
        AttentionSource declared = declaredOutputs(graph);
        if (declared != null) {
            return declared;
        }
        List<NodeProto> fused = new ArrayList<>();
        List<AttentionTap> ops = new ArrayList<>();
        for (NodeProto n : graph.nodes()) {
            if (n.getDomain().equals(MS) && FUSED_MS.contains(n.getOpType())) {
                fused.add(n);
            }
        }
        AttentionSource softmax = softmaxNodes(graph);
        if (softmax != null && fused.isEmpty()) {
            return softmax;
        }
        for (NodeProto n : graph.nodes()) {
            boolean onnxAttention = isOnnxDomain(n) && n.getOpType().equals("Attention");
            boolean gqa = n.getDomain().equals(MS) && n.getOpType().equals("GroupQueryAttention");
            if (onnxAttention || gqa) {
                String out = n.getOutputCount() > 3 && !n.getOutput(3).isEmpty() ? n.getOutput(3)
                        : "sinkscope_attention_" + ops.size();
                ops.add(new AttentionTap(ops.size(), out, nodeName(n), qualifiedOp(n)));
            }
        }
        if (!ops.isEmpty() && fused.isEmpty()) {
            String op = ops.get(0).opType();
            String how = op.equals("Attention") ? "qk_matmul_output_mode=3 exposes qk_matmul_output"
                    : "qk_output=2 exposes output_qk";
            return new AttentionSource(AttentionSourceKind.ATTENTION_OP, List.copyOf(ops),
                    ops.size() + " " + op + " nodes; " + how + " (probabilities after softmax)");
        }
        if (!fused.isEmpty()) {
            NodeProto first = fused.get(0);
            return new AttentionSource(AttentionSourceKind.NOT_OBTAINABLE, List.of(),
                    "attention is fused inside node '" + nodeName(first) + "' (" + qualifiedOp(first) + ", "
                            + fused.size() + " such node" + (fused.size() == 1 ? "" : "s")
                            + "), which never outputs its probabilities: " + REMEDY);
        }
        String nested = nestedAttention(graph);
        if (nested != null) {
            return new AttentionSource(AttentionSourceKind.NOT_OBTAINABLE, List.of(), nested);
        }
        return new AttentionSource(AttentionSourceKind.NOT_OBTAINABLE, List.of(),
                "found no attention in the graph (no attention output, no Softmax over a product of two"
                        + " activations, no Attention operator): open a transformer export, or " + REMEDY);
    }

    /** Outputs the model already declares: attentions.N, or rank-4 outputs named like attention. */
    private static AttentionSource declaredOutputs(OnnxGraph graph) {
        List<ValueInfoProto> found = new ArrayList<>();
        for (ValueInfoProto out : graph.outputs()) {
            String lower = out.getName().toLowerCase(Locale.ROOT);
            if (!DECLARED_NAME.matcher(out.getName()).matches()
                    || NOT_ATTENTION_WORDS.stream().anyMatch(lower::contains)) {
                continue;
            }
            long[] dims = OnnxGraph.dims(out);
            if (dims == null || dims.length == 4 || dims.length == 3) {
                found.add(out);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        List<ValueInfoProto> ordered = new ArrayList<>(found);
        if (found.stream().allMatch(v -> TRAILING_NUMBER.matcher(v.getName()).find())) {
            ordered.sort(Comparator.comparingLong(v -> trailingNumber(v.getName())));
        }
        List<AttentionTap> taps = new ArrayList<>();
        for (ValueInfoProto v : ordered) {
            String node = graph.producer(v.getName()).map(AttentionLocator::nodeName).orElse(v.getName());
            String op = graph.producer(v.getName()).map(AttentionLocator::qualifiedOp).orElse("output");
            taps.add(new AttentionTap(taps.size(), v.getName(), node, op));
        }
        return new AttentionSource(AttentionSourceKind.DECLARED_OUTPUTS, List.copyOf(taps),
                taps.size() + " declared outputs (" + taps.get(0).output() + " ... " + taps.get(taps.size() - 1).output() + ")");
    }

    private static long trailingNumber(String name) {
        Matcher m = TRAILING_NUMBER.matcher(name);
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    /** Softmax nodes whose input walks back to a product of two activations (Q times K). */
    private static AttentionSource softmaxNodes(OnnxGraph graph) {
        List<AttentionTap> taps = new ArrayList<>();
        for (NodeProto n : graph.nodes()) {
            if (isOnnxDomain(n) && n.getOpType().equals("Softmax") && n.getInputCount() > 0
                    && n.getOutputCount() > 0 && comesFromActivationProduct(graph, n.getInput(0))) {
                taps.add(new AttentionTap(taps.size(), n.getOutput(0), nodeName(n), "Softmax"));
            }
        }
        if (taps.isEmpty()) {
            return null;
        }
        return new AttentionSource(AttentionSourceKind.SOFTMAX_NODES, List.copyOf(taps),
                taps.size() + " Softmax nodes over query-key products, exposed as graph outputs ("
                        + taps.get(0).node() + " ... " + taps.get(taps.size() - 1).node() + ")");
    }

    private static boolean comesFromActivationProduct(OnnxGraph graph, String start) {
        Deque<String> queue = new ArrayDeque<>();
        Map<String, Integer> depth = new LinkedHashMap<>();
        queue.add(start);
        depth.put(start, 0);
        while (!queue.isEmpty()) {
            String value = queue.poll();
            int d = depth.get(value);
            NodeProto node = graph.producer(value).orElse(null);
            if (node == null || d > MAX_WALK) {
                continue;
            }
            String op = node.getOpType();
            if (PRODUCTS.contains(op)) {
                if (isActivationProduct(graph, node)) {
                    return true;
                }
                continue;
            }
            if (!PASS_THROUGH.contains(op)) {
                continue;
            }
            for (String in : node.getInputList()) {
                if (!in.isEmpty() && !graph.isConstant(in) && !depth.containsKey(in)) {
                    depth.put(in, d + 1);
                    queue.add(in);
                }
            }
        }
        return false;
    }

    /** A product of two non-constant values; a projection by a weight matrix is not attention. */
    private static boolean isActivationProduct(OnnxGraph graph, NodeProto node) {
        if (node.getOpType().equals("Einsum")) {
            return node.getInputCount() == 2 && !graph.isConstant(node.getInput(0)) && !graph.isConstant(node.getInput(1));
        }
        if (node.getOpType().equals("QLinearMatMul")) {
            return node.getInputCount() >= 4 && !graph.isConstant(node.getInput(0)) && !graph.isConstant(node.getInput(3));
        }
        return node.getInputCount() >= 2 && !graph.isConstant(node.getInput(0)) && !graph.isConstant(node.getInput(1));
    }

    /** Attention inside If/Loop/Scan branches or local functions, which SinkScope cannot expose. */
    private static String nestedAttention(OnnxGraph graph) {
        for (NodeProto n : graph.nodes()) {
            for (AttributeProto a : n.getAttributeList()) {
                List<GraphProto> subgraphs = new ArrayList<>(a.getGraphsList());
                if (a.hasG()) {
                    subgraphs.add(a.getG());
                }
                for (GraphProto g : subgraphs) {
                    if (containsAttentionOp(g.getNodeList(), new HashSet<>())) {
                        return "attention sits inside the subgraph of node '" + nodeName(n) + "' (" + qualifiedOp(n)
                                + "), which SinkScope cannot expose: open the plain (non-merged) decoder export,"
                                + " e.g. decoder_model.onnx rather than decoder_model_merged.onnx";
                    }
                }
            }
        }
        ModelProto m = graph.model();
        for (var f : m.getFunctionsList()) {
            if (containsAttentionOp(f.getNodeList(), new HashSet<>())) {
                return "attention sits inside the local function '" + f.getName()
                        + "', which SinkScope cannot expose: " + REMEDY + ", with functions inlined";
            }
        }
        return null;
    }

    private static boolean containsAttentionOp(List<NodeProto> nodes, Set<String> seen) {
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("Softmax") || n.getOpType().contains("Attention")) {
                return true;
            }
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG() && containsAttentionOp(a.getG().getNodeList(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isOnnxDomain(NodeProto n) {
        return n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
    }

    static String qualifiedOp(NodeProto n) {
        return isOnnxDomain(n) ? n.getOpType() : n.getDomain() + "." + n.getOpType();
    }

    static String nodeName(NodeProto n) {
        return n.getName().isEmpty() ? qualifiedOp(n) + "->" + (n.getOutputCount() > 0 ? n.getOutput(0) : "?") : n.getName();
    }
}
