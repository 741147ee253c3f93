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
 * outputs as graph outputs, or tells attention operators to emit them. The edit happens in
 * memory; the user's file is never touched.
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
        Set<String> outputs = new HashSet<>();
        for (ValueInfoProto v : g.getOutputList()) {
            outputs.add(v.getName());
        }
        java.util.List<String> wanted = new java.util.ArrayList<>();
        source.taps().forEach(t -> wanted.add(t.output()));
        wanted.addAll(extraOutputs);
        for (String name : wanted) {
            if (outputs.add(name)) {
                // a name alone: ONNX Runtime infers type and shape
                g.addOutput(ValueInfoProto.newBuilder().setName(name));
            }
        }
        if (graph.usesExternalData()) {
            OnnxGraph.inlineExternalData(model, graph.folder());
        }
        return model.build().toByteArray();
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
