package org.sinkscope.runtime.hidden;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sinkscope.runtime.inspect.AttentionSource;
import org.sinkscope.runtime.inspect.AttentionTap;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;

/**
 * Finds the residual stream h^(0..L): declared {@code hidden_states.N} outputs when present;
 * otherwise, for each attention layer, the input of that layer's first normalisation, found by
 * walking from the attention Softmax back to the query projection and from there through the
 * norm (pre-norm: Llama, GPT-2) — or the projection's input itself when it is the stream
 * (post-norm: BERT). The last row is what feeds the output head (after the final norm, as
 * Hugging Face's output_hidden_states reports it) or a declared last_hidden_state.
 */
public final class HiddenStateLocator {
    private static final Pattern DECLARED = Pattern.compile("(?i)hidden_states?[._]?(\\d+)");
    /** Between a query projection and the QK product: reshapes, splits, rotary embedding, scaling. */
    private static final Set<String> QUERY_PATH = Set.of("Transpose", "Reshape", "Split", "Slice", "Gather", "Add", "Mul",
            "Div", "Neg", "Concat", "Cast", "Squeeze", "Unsqueeze", "Identity", "DequantizeLinear", "DynamicQuantizeLinear",
            "Expand", "Where");
    private static final Set<String> PROJECTIONS = Set.of("MatMul", "Gemm", "MatMulInteger", "FusedMatMul");
    /** Operators a normalisation is made of (decomposed RMSNorm / LayerNorm, or fused). */
    private static final Set<String> NORM_OPS = Set.of("Mul", "Div", "Sqrt", "Add", "ReduceMean", "Pow", "Reciprocal", "Cast",
            "Sub", "LayerNormalization", "SimplifiedLayerNormalization", "RMSNormalization");
    private static final int MAX_WALK = 40;

    private HiddenStateLocator() {
    }

    public static HiddenSource locate(OnnxGraph graph, AttentionSource attention) {
        HiddenSource declared = declared(graph);
        if (declared != null) {
            return declared;
        }
        if (!attention.obtainable() || attention.taps().isEmpty()) {
            return none("no attention layers to follow back to the residual stream");
        }
        Map<String, List<NodeProto>> consumers = consumers(graph);
        List<String> stream = new ArrayList<>();
        for (AttentionTap tap : attention.taps()) {
            NodeProto softmax = graph.producer(tap.output()).orElse(null);
            if (softmax == null || !softmax.getOpType().equals("Softmax")) {
                return none("attention comes from " + attention.kind().id()
                        + ", so SinkScope cannot follow it back to the residual stream");
            }
            String layerInput = layerInput(graph, consumers, softmax);
            if (layerInput == null) {
                return none("layer " + tap.layer() + "'s input could not be traced from its query projection"
                        + " (an unfamiliar export layout)");
            }
            stream.add(layerInput);
        }
        String last = finalStream(graph, consumers);
        if (last == null) {
            return none("the output head's input could not be found (no logits or last_hidden_state output)");
        }
        stream.add(last);
        if (new HashSet<>(stream).size() != stream.size()) {
            return none("two layers traced back to the same value (an unfamiliar export layout)");
        }
        return new HiddenSource(HiddenSource.RESIDUAL, List.copyOf(stream),
                "residual stream exposed at each layer's input (" + (stream.size() - 1)
                        + " layers) and at the output head's input");
    }

    private static HiddenSource none(String why) {
        return new HiddenSource(HiddenSource.NONE, List.of(), why);
    }

    private static HiddenSource declared(OnnxGraph graph) {
        List<ValueInfoProto> found = new ArrayList<>();
        for (ValueInfoProto out : graph.outputs()) {
            if (DECLARED.matcher(out.getName()).find()) {
                found.add(out);
            }
        }
        if (found.size() < 2) {
            return null;
        }
        found.sort(Comparator.comparingInt(v -> {
            Matcher m = DECLARED.matcher(v.getName());
            return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
        }));
        return new HiddenSource(HiddenSource.DECLARED, found.stream().map(ValueInfoProto::getName).toList(),
                found.size() + " declared hidden_states outputs");
    }

    /** The residual stream entering the layer whose attention this Softmax computes. */
    private static String layerInput(OnnxGraph graph, Map<String, List<NodeProto>> consumers, NodeProto softmax) {
        NodeProto product = findBack(graph, softmax.getInput(0), Set.of("Add", "Sub", "Mul", "Div", "Where", "Cast",
                "Reshape", "Transpose", "Unsqueeze", "Squeeze", "Expand", "Clip", "Identity", "Max", "Min", "Neg", "Tanh",
                "Slice", "Concat", "DequantizeLinear"), n -> (n.getOpType().equals("MatMul") || n.getOpType().equals("MatMulInteger"))
                && !graph.isConstant(n.getInput(0)) && !graph.isConstant(n.getInput(1)));
        if (product == null) {
            return null;
        }
        // the query side is the product's first input
        NodeProto projection = findBack(graph, product.getInput(0), QUERY_PATH, n -> isProjection(graph, n));
        if (projection == null) {
            return null;
        }
        return streamBefore(graph, consumers, activationOf(graph, projection));
    }

    /** The output head's input: the activation feeding the logits projection, or a declared last_hidden_state. */
    private static String finalStream(OnnxGraph graph, Map<String, List<NodeProto>> consumers) {
        for (ValueInfoProto out : graph.outputs()) {
            if (out.getName().toLowerCase(java.util.Locale.ROOT).contains("last_hidden_state")) {
                return out.getName();
            }
        }
        for (ValueInfoProto out : graph.outputs()) {
            if (!out.getName().toLowerCase(java.util.Locale.ROOT).contains("logits")) {
                continue;
            }
            NodeProto head = findBack(graph, out.getName(), Set.of("Add", "Reshape", "Cast", "Identity", "Transpose", "Mul"),
                    n -> isProjection(graph, n));
            if (head != null) {
                return activationOf(graph, head);
            }
        }
        return null;
    }

    private static boolean isProjection(OnnxGraph graph, NodeProto n) {
        if (!PROJECTIONS.contains(n.getOpType()) || n.getInputCount() < 2) {
            return false;
        }
        boolean weight0 = graph.isConstant(n.getInput(0));
        boolean weight1 = graph.isConstant(n.getInput(1));
        if (weight0 == weight1) {
            return false;
        }
        // the activation must come out of a normalisation (or be the stream): rules out rotary
        // frequency products (positions x inverse frequencies)
        String act = weight1 ? n.getInput(0) : n.getInput(1);
        NodeProto p = graph.producer(act).orElse(null);
        if (p != null && p.getOpType().equals("DynamicQuantizeLinear")) {
            p = graph.producer(p.getInput(0)).orElse(null);
        }
        return p != null && (NORM_OPS.contains(p.getOpType()) || p.getOpType().equals("Gather"));
    }

    private static String activationOf(OnnxGraph graph, NodeProto projection) {
        String act = graph.isConstant(projection.getInput(1)) ? projection.getInput(0) : projection.getInput(1);
        NodeProto p = graph.producer(act).orElse(null);
        if (p != null && p.getOpType().equals("DynamicQuantizeLinear")) {
            act = p.getInput(0); // int8 exports quantize the activation right before the projection
        }
        return act;
    }

    /**
     * Pre-norm: walk back through the normalisation to the value it normalises (one value,
     * produced by a residual Add, an embedding Gather or a reshape). Post-norm: the
     * normalised value is itself the stream (it also feeds the next residual Add).
     */
    private static String streamBefore(OnnxGraph graph, Map<String, List<NodeProto>> consumers, String normalised) {
        if (feedsResidualAdd(graph, consumers, normalised)) {
            return normalised;
        }
        Set<String> stops = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(normalised));
        Set<String> seen = new HashSet<>(queue);
        int steps = 0;
        while (!queue.isEmpty() && steps++ < MAX_WALK) {
            String v = queue.poll();
            NodeProto p = graph.producer(v).orElse(null);
            boolean normOp = p != null && NORM_OPS.contains(p.getOpType()) && !isResidualAdd(graph, p);
            if (!normOp) {
                stops.add(v);
                continue;
            }
            List<String> inputs = p.getOpType().endsWith("Normalization") ? List.of(p.getInput(0)) : p.getInputList();
            for (String in : inputs) {
                if (!in.isEmpty() && !graph.isConstant(in) && seen.add(in)) {
                    queue.add(in);
                }
            }
        }
        return stops.size() == 1 && !stops.contains(normalised) ? stops.iterator().next() : null;
    }

    private static boolean isResidualAdd(OnnxGraph graph, NodeProto n) {
        return n.getOpType().equals("Add") && n.getInputCount() == 2 && !graph.isConstant(n.getInput(0))
                && !graph.isConstant(n.getInput(1));
    }

    private static boolean feedsResidualAdd(OnnxGraph graph, Map<String, List<NodeProto>> consumers, String value) {
        NodeProto p = graph.producer(value).orElse(null);
        if (p == null || !p.getOpType().endsWith("Normalization") && !p.getOpType().equals("Add")) {
            return false;
        }
        for (NodeProto c : consumers.getOrDefault(value, List.of())) {
            if (isResidualAdd(graph, c)) {
                return true;
            }
        }
        return false;
    }

    /** Breadth-first walk back from a value through the given ops until a node matches. */
    private static NodeProto findBack(OnnxGraph graph, String start, Set<String> through,
            java.util.function.Predicate<NodeProto> target) {
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>(queue);
        int steps = 0;
        while (!queue.isEmpty() && steps++ < MAX_WALK * 4) {
            NodeProto p = graph.producer(queue.poll()).orElse(null);
            if (p == null) {
                continue;
            }
            if (target.test(p)) {
                return p;
            }
            if (!through.contains(p.getOpType())) {
                continue;
            }
            for (String in : p.getInputList()) {
                if (!in.isEmpty() && !graph.isConstant(in) && seen.add(in)) {
                    queue.add(in);
                }
            }
        }
        return null;
    }

    private static Map<String, List<NodeProto>> consumers(OnnxGraph graph) {
        Map<String, List<NodeProto>> map = new HashMap<>();
        for (NodeProto n : graph.nodes()) {
            for (String in : n.getInputList()) {
                map.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        return map;
    }
}
