package org.sinkscope.runtime.inspect;

import java.util.HashSet;
import java.util.Set;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.onnx.proto.Onnx.AttributeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.GraphProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;

/**
 * Edits a graph so that ONNX Runtime returns the attention probabilities: adds the Softmax
 * outputs as graph outputs, or tells attention operators to emit them, and makes them the
 * graph's only outputs (with any extra values asked for). Nodes that feed none of them (the
 * output head with its logits, and the last layer's work after its attention) are left out:
 * SinkScope never shows them, and on the demo model the output head alone is a fifth of the
 * run's arithmetic. The edit happens in memory; the user's file is never touched.
 */
public final class AttentionExposer {
    private AttentionExposer() {
    }

    /** The serialized model to hand to ONNX Runtime, with attention and any extra values as outputs. */
    public static byte[] exposedModel(OnnxGraph graph, AttentionSource source, java.util.List<String> extraOutputs)
            throws ModelException {
        ModelProto.Builder model = graph.model().toBuilder();
        GraphProto.Builder g = model.getGraphBuilder();
        if (source.kind() == AttentionSourceKind.ATTENTION_OP) {
            exposeOperatorOutputs(g, source);
        }
        java.util.List<String> wanted = new java.util.ArrayList<>();
        source.taps().forEach(t -> wanted.add(t.output()));
        wanted.addAll(extraOutputs);
        java.util.Map<String, ValueInfoProto> declared = new java.util.HashMap<>();
        g.getOutputList().forEach(v -> declared.put(v.getName(), v));
        g.clearOutput();
        Set<String> added = new HashSet<>();
        for (String name : wanted) {
            if (added.add(name)) {
                // a declared output keeps its type; a name alone lets ONNX Runtime infer type and shape
                g.addOutput(declared.getOrDefault(name, ValueInfoProto.newBuilder().setName(name).build()));
            }
        }
        keepOnlyWhatFeeds(g, added);
        if (graph.usesExternalData()) {
            OnnxGraph.inlineExternalData(model, graph.folder());
        }
        return model.build().toByteArray();
    }

    /**
     * Drops the nodes, initializers and value infos that none of {@code outputs} depends on. Nodes
     * are visited from the last one up until nothing changes, so a graph stored out of order is
     * still pruned correctly; a node with subgraphs (If, Loop, Scan) needs every name its
     * subgraphs mention. Graph inputs all stay: they are fed whatever the graph uses.
     */
    static void keepOnlyWhatFeeds(GraphProto.Builder g, Set<String> outputs) {
        Set<String> needed = new HashSet<>(outputs);
        boolean[] keep = new boolean[g.getNodeCount()];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = g.getNodeCount() - 1; i >= 0; i--) {
                if (keep[i]) {
                    continue;
                }
                NodeProto n = g.getNode(i);
                if (n.getOutputList().stream().anyMatch(needed::contains)) {
                    keep[i] = true;
                    changed = true;
                    needed.addAll(n.getInputList());
                    n.getAttributeList().forEach(a -> namesIn(a, needed));
                }
            }
        }
        java.util.List<NodeProto> kept = new java.util.ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept.add(g.getNode(i));
            }
        }
        g.clearNode().addAllNode(kept);
        java.util.List<org.sinkscope.runtime.onnx.proto.Onnx.TensorProto> weights = new java.util.ArrayList<>();
        g.getInitializerList().stream().filter(w -> needed.contains(w.getName())).forEach(weights::add);
        g.clearInitializer().addAllInitializer(weights);
        java.util.List<ValueInfoProto> infos = new java.util.ArrayList<>();
        g.getValueInfoList().stream().filter(v -> needed.contains(v.getName())).forEach(infos::add);
        g.clearValueInfo().addAllValueInfo(infos);
    }

    /** Every value name a subgraph attribute's nodes read (outer-scope names among them). */
    private static void namesIn(AttributeProto a, Set<String> names) {
        java.util.List<GraphProto> graphs = new java.util.ArrayList<>(a.getGraphsList());
        if (a.hasG()) {
            graphs.add(a.getG());
        }
        for (GraphProto sub : graphs) {
            for (NodeProto n : sub.getNodeList()) {
                names.addAll(n.getInputList());
                n.getAttributeList().forEach(inner -> namesIn(inner, names));
            }
        }
    }

    private static void exposeOperatorOutputs(GraphProto.Builder g, AttentionSource source) {
        int tap = 0;
        for (int i = 0; i < g.getNodeCount() && tap < source.taps().size(); i++) {
            NodeProto n = g.getNode(i);
            boolean onnxAttention = AttentionLocator.isOnnxDomain(n) && n.getOpType().equals("Attention");
            boolean gqa = n.getDomain().equals(AttentionLocator.MS) && n.getOpType().equals("GroupQueryAttention");
            if (!onnxAttention && !gqa) {
                continue;
            }
            NodeProto.Builder b = n.toBuilder();
            // ONNX Attention: mode 3 = probabilities after softmax; GQA: qk_output 2 = after softmax
            setInt(b, onnxAttention ? "qk_matmul_output_mode" : "qk_output", onnxAttention ? 3 : 2);
            while (b.getOutputCount() < 4) {
                b.addOutput("");
            }
            b.setOutput(3, source.taps().get(tap).output());
            g.setNode(i, b);
            tap++;
        }
    }

    private static void setInt(NodeProto.Builder node, String name, long value) {
        for (int i = 0; i < node.getAttributeCount(); i++) {
            if (node.getAttribute(i).getName().equals(name)) {
                node.setAttribute(i, node.getAttribute(i).toBuilder().setI(value));
                return;
            }
        }
        node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value));
    }
}
