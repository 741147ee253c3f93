package org.sinkscope.runtime.testing;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sinkscope.runtime.onnx.proto.Onnx.AttributeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.GraphProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.StringStringEntryProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TypeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;

/** Other export flavours made in code from a real model: the edits exporters make, done by hand. */
public final class GraphEdits {
    private GraphEdits() {
    }

    public static ModelProto read(Path model) throws IOException {
        return ModelProto.parseFrom(Files.readAllBytes(model));
    }

    public static Path write(ModelProto model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
        return file;
    }

    /**
     * Sets the embedding of one token to NaN in every float32 table with a {@code vocabulary}-long
     * axis (the tinysink exports keep it transposed, shared with the output head): prompts with the
     * token give NaN attention from layer 0 on, prompts without it run as before.
     */
    public static ModelProto withNaNEmbedding(ModelProto model, int vocabulary, int token) {
        ModelProto.Builder m = model.toBuilder();
        GraphProto.Builder g = m.getGraphBuilder();
        for (int k = 0; k < g.getInitializerCount(); k++) {
            TensorProto w = g.getInitializer(k);
            if (w.getDimsCount() != 2 || w.getDataType() != TensorProto.DataType.FLOAT_VALUE
                    || (w.getDims(0) != vocabulary && w.getDims(1) != vocabulary) || w.getRawData().isEmpty()) {
                continue;
            }
            java.nio.FloatBuffer values = java.nio.ByteBuffer.wrap(w.getRawData().toByteArray())
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            int rows = (int) w.getDims(0);
            int columns = (int) w.getDims(1);
            float[] all = new float[rows * columns];
            values.get(all);
            for (int other = 0; other < (w.getDims(0) == vocabulary ? columns : rows); other++) {
                all[w.getDims(0) == vocabulary ? token * columns + other : other * columns + token] = Float.NaN;
            }
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(all.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(all);
            g.setInitializer(k, w.toBuilder().setRawData(ByteString.copyFrom(bytes.array())));
        }
        return m.build();
    }

    /** Declares each Softmax's output under Optimum's name attentions.N, through Identity nodes. */
    public static ModelProto withDeclaredAttentions(ModelProto model) {
        ModelProto.Builder m = model.toBuilder();
        GraphProto.Builder g = m.getGraphBuilder();
        int n = 0;
        for (NodeProto node : List.copyOf(g.getNodeList())) {
            if (node.getOpType().equals("Softmax")) {
                String name = "attentions." + n++;
                g.addNode(NodeProto.newBuilder().setOpType("Identity").setName("declare_" + name)
                        .addInput(node.getOutput(0)).addOutput(name));
                g.addOutput(ValueInfoProto.newBuilder().setName(name).setType(floatTensor()));
            }
        }
        return m.build();
    }

    /** Moves every weight over 1 KiB into one external data file beside the model, as large exports do. */
    public static ModelProto withExternalData(ModelProto model, Path folder, String dataFile) throws IOException {
        ModelProto.Builder m = model.toBuilder();
        GraphProto.Builder g = m.getGraphBuilder();
        long offset = 0;
        try (OutputStream out = Files.newOutputStream(folder.resolve(dataFile))) {
            for (int i = 0; i < g.getInitializerCount(); i++) {
                TensorProto t = g.getInitializer(i);
                if (t.getRawData().size() <= 1024) {
                    continue;
                }
                byte[] raw = t.getRawData().toByteArray();
                out.write(raw);
                g.setInitializer(i, t.toBuilder().clearRawData()
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(entry("location", dataFile))
                        .addExternalData(entry("offset", Long.toString(offset)))
                        .addExternalData(entry("length", Long.toString(raw.length))));
                offset += raw.length;
            }
        }
        return m.build();
    }

    /** Re-points every external weight at another location (e.g. outside the model's folder). */
    public static ModelProto withExternalLocation(ModelProto model, String location) {
        ModelProto.Builder m = model.toBuilder();
        GraphProto.Builder g = m.getGraphBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                TensorProto.Builder b = t.toBuilder();
                for (int k = 0; k < b.getExternalDataCount(); k++) {
                    if (b.getExternalData(k).getKey().equals("location")) {
                        b.setExternalData(k, entry("location", location));
                    }
                }
                g.setInitializer(i, b);
            }
        }
        return m.build();
    }

    /** Takes input_ids as int32 (as transformers.js exports do), cast to int64 inside the graph. */
    public static ModelProto withInt32Ids(ModelProto model) {
        ModelProto.Builder m = model.toBuilder();
        GraphProto.Builder g = m.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto.Builder node = g.getNodeBuilder(i);
            for (int k = 0; k < node.getInputCount(); k++) {
                if (node.getInput(k).equals("input_ids")) {
                    node.setInput(k, "input_ids_int64");
                }
            }
        }
        g.addNode(0, NodeProto.newBuilder().setOpType("Cast").setName("ids_to_int64").addInput("input_ids")
                .addOutput("input_ids_int64").addAttribute(AttributeProto.newBuilder().setName("to")
                        .setType(AttributeProto.AttributeType.INT).setI(TensorProto.DataType.INT64_VALUE)));
        for (int i = 0; i < g.getInputCount(); i++) {
            if (g.getInput(i).getName().equals("input_ids")) {
                ValueInfoProto.Builder in = g.getInputBuilder(i);
                in.getTypeBuilder().getTensorTypeBuilder().setElemType(TensorProto.DataType.INT32_VALUE);
            }
        }
        return m.build();
    }

    /** A graph whose attention is one fused com.microsoft.Attention node (as ORT's transformer optimizer leaves it). */
    public static ModelProto fusedAttentionModel() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("fused");
        g.addInput(ValueInfoProto.newBuilder().setName("input_ids").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.INT64_VALUE))));
        g.addInitializer(TensorProto.newBuilder().setName("embedding").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(16).addDims(8).setRawData(ByteString.copyFrom(new byte[16 * 8 * 4])));
        g.addNode(NodeProto.newBuilder().setOpType("Gather").setName("embed").addInput("embedding").addInput("input_ids")
                .addOutput("hidden"));
        g.addNode(NodeProto.newBuilder().setOpType("Attention").setDomain("com.microsoft").setName("Attention_0")
                .addInput("hidden").addOutput("attended"));
        g.addNode(NodeProto.newBuilder().setOpType("Attention").setDomain("com.microsoft").setName("Attention_1")
                .addInput("attended").addOutput("out"));
        g.addOutput(ValueInfoProto.newBuilder().setName("out").setType(floatTensor()));
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(org.sinkscope.runtime.onnx.proto.Onnx.OperatorSetIdProto.newBuilder().setVersion(17))
                .addOpsetImport(org.sinkscope.runtime.onnx.proto.Onnx.OperatorSetIdProto.newBuilder()
                        .setDomain("com.microsoft").setVersion(1))
                .build();
    }

    private static TypeProto floatTensor() {
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)).build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
