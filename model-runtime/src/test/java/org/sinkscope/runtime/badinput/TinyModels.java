package org.sinkscope.runtime.badinput;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.sinkscope.runtime.onnx.proto.Onnx.AttributeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.GraphProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.OperatorSetIdProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorShapeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TypeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;

/**
 * Small ONNX models built in code (a few KiB, so fuzzing them is fast): a one-head
 * self-attention block, the same with an unknown custom operator, and a graph with no
 * attention at all.
 */
public final class TinyModels {
    public static final int VOCAB = 64;
    public static final int DIM = 16;

    private TinyModels() {
    }

    /**
     * input_ids [1, T] -> Gather(embedding [VOCAB, DIM]) -> one-head attention
     * Softmax(x Wq (x Wk)^T) x -> logits [1, T, VOCAB].
     */
    public static ModelProto attention() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("sinkscope-tests").setGraph(attentionGraph())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }

    /** The attention model whose output passes through com.example.Frobnicate, an operator nobody ships. */
    public static ModelProto customOperator() {
        GraphProto.Builder g = attentionGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOutput(0).equals("logits")) {
                g.setNode(i, g.getNode(i).toBuilder().setOutput(0, "raw_logits"));
            }
        }
        g.addNode(NodeProto.newBuilder().setOpType("Frobnicate").setDomain("com.example").setName("frobnicate_0")
                .addInput("raw_logits").addOutput("logits"));
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example").setVersion(1)).build();
    }

    /** A valid model without attention: input_ids -> Gather -> MatMul -> Relu. */
    public static ModelProto noAttention() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("mlp");
        g.addInput(ids());
        g.addInitializer(floats("embedding", new Random(1), VOCAB, DIM));
        g.addInitializer(floats("w", new Random(2), DIM, DIM));
        g.addNode(node("Gather", "embed", "hidden", "embedding", "input_ids"));
        g.addNode(node("MatMul", "project", "projected", "hidden", "w"));
        g.addNode(node("Relu", "relu", "out", "projected"));
        g.addOutput(floatOutput("out"));
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }

    private static GraphProto attentionGraph() {
        Random random = new Random(7);
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_attention");
        g.addInput(ids());
        g.addInitializer(floats("embedding", random, VOCAB, DIM));
        g.addInitializer(floats("wq", random, DIM, DIM));
        g.addInitializer(floats("wk", random, DIM, DIM));
        g.addInitializer(floats("unembedding", random, DIM, VOCAB));
        g.addNode(node("Gather", "embed", "x", "embedding", "input_ids"));
        g.addNode(node("MatMul", "q_proj", "q", "x", "wq"));
        g.addNode(node("MatMul", "k_proj", "k", "x", "wk"));
        g.addNode(node("Transpose", "k_t", "kt", "k").toBuilder().addAttribute(AttributeProto.newBuilder()
                .setName("perm").setType(AttributeProto.AttributeType.INTS).addInts(0).addInts(2).addInts(1)).build());
        g.addNode(node("MatMul", "qk", "scores", "q", "kt"));
        g.addNode(node("Softmax", "attn_softmax", "probs", "scores").toBuilder().addAttribute(AttributeProto
                .newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(-1)).build());
        g.addNode(node("MatMul", "mix", "mixed", "probs", "x"));
        g.addNode(node("MatMul", "unembed", "logits", "mixed", "unembedding"));
        g.addOutput(floatOutput("logits"));
        return g.build();
    }

    private static ValueInfoProto ids() {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("sequence")).build();
        return ValueInfoProto.newBuilder().setName("input_ids").setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.INT64_VALUE).setShape(shape))).build();
    }

    private static ValueInfoProto floatOutput(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))).build();
    }

    private static NodeProto node(String op, String name, String output, String... inputs) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            b.addInput(in);
        }
        return b.build();
    }

    private static TensorProto floats(String name, Random random, int rows, int cols) {
        ByteBuffer buf = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            buf.putFloat((float) (random.nextGaussian() * 0.5));
        }
        buf.flip();
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(rows).addDims(cols).setRawData(ByteString.copyFrom(buf)).build();
    }
}
