package org.sinkscope.runtime.session;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.onnx.proto.Onnx.AttributeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;
import org.sinkscope.runtime.tokenize.PromptTokenizer;

/**
 * How many token ids the model's embedding table holds, read from the graph (the rows of the
 * weight a Gather looks the token ids up in). Checked before a run, so an id past the table
 * (a tokenizer of another model, a typo in --ids) is refused by name instead of failing
 * inside ONNX Runtime.
 */
final class Vocabulary {
    private Vocabulary() {
    }

    /** Operators whose first input's values come out unchanged (type or shape aside). */
    private static final Set<String> KEEPS_VALUES = Set.of("Cast", "Identity", "Reshape", "Squeeze", "Unsqueeze",
            "Flatten");

    /** Operators between a stored embedding table and its lookup that keep the table's shape. */
    private static final Set<String> KEEPS_TABLE = Set.of("Identity", "Cast", "DequantizeLinear");

    /**
     * The embedding's row count, or -1 when the graph does not show it plainly: the size, along the
     * gathered axis, of the table a Gather looks the token ids up in. The ids may be cast or
     * reshaped first (exports flatten them to one axis), and the table may be stored transposed
     * (looked up along axis 1, as when tied to the output head) or quantized (DequantizeLinear).
     */
    static long embeddingRows(OnnxGraph graph) {
        Set<String> ids = new HashSet<>();
        for (ValueInfoProto in : graph.feedInputs()) {
            if (InputFeeder.roleOf(in.getName()) == InputFeeder.Role.IDS) {
                ids.add(in.getName());
            }
        }
        boolean grew = !ids.isEmpty();
        while (grew) { // repeated until stable: the graph's nodes need not be in order
            grew = false;
            for (NodeProto n : graph.nodes()) {
                if (KEEPS_VALUES.contains(n.getOpType()) && n.getInputCount() > 0 && ids.contains(n.getInput(0))
                        && n.getOutputCount() > 0) {
                    grew |= ids.add(n.getOutput(0));
                }
            }
        }
        Map<String, TensorProto> weights = new HashMap<>();
        graph.graph().getInitializerList().forEach(t -> weights.put(t.getName(), t));
        Map<String, NodeProto> producers = new HashMap<>();
        graph.nodes().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
        long rows = -1;
        for (NodeProto n : graph.nodes()) {
            if (!n.getOpType().equals("Gather") || n.getInputCount() < 2 || !ids.contains(n.getInput(1))) {
                continue;
            }
            TensorProto table = storedTable(n.getInput(0), weights, producers);
            if (table == null || table.getDimsCount() == 0) {
                continue;
            }
            long axis = axis(n);
            int at = (int) (axis < 0 ? axis + table.getDimsCount() : axis);
            if (at >= 0 && at < table.getDimsCount() && table.getDims(at) > 0) {
                rows = rows < 0 ? table.getDims(at) : Math.min(rows, table.getDims(at));
            }
        }
        return rows;
    }

    /** The initializer behind {@code name}, through operators that keep its shape; null if none. */
    private static TensorProto storedTable(String name, Map<String, TensorProto> weights, Map<String, NodeProto> producers) {
        for (int hops = 0; hops < 8; hops++) {
            TensorProto t = weights.get(name);
            if (t != null) {
                return t;
            }
            NodeProto p = producers.get(name);
            if (p == null || p.getInputCount() == 0 || !KEEPS_TABLE.contains(p.getOpType())) {
                return null;
            }
            name = p.getInput(0);
        }
        return null;
    }

    private static long axis(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("axis")) {
                return a.getI();
            }
        }
        return 0;
    }

    /** Refuses ids outside [0, rows); names the tokenizer when it is the one that made them. */
    static void check(long[] ids, long rows, PromptTokenizer tokenizer) throws ModelException {
        if (rows <= 0) {
            return;
        }
        for (long id : ids) {
            if (id >= 0 && id < rows) {
                continue;
            }
            if (tokenizer != null && tokenizer.vocabularySize() > rows) {
                throw new ModelException("token id " + id + " is past the model's vocabulary: its embedding has " + rows
                        + " rows but the tokenizer beside it knows " + tokenizer.vocabularySize()
                        + " ids, so the tokenizer belongs to another model; put the model's own tokenizer.json beside it");
            }
            throw new ModelException("token id " + id + " is outside the model's vocabulary (its embedding has " + rows
                    + " rows): give ids from 0 to " + (rows - 1));
        }
    }
}
