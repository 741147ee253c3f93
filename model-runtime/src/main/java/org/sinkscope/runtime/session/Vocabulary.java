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

    /** The embedding's row count, or -1 when the graph does not show it plainly. */
    static long embeddingRows(OnnxGraph graph) {
        Set<String> ids = new HashSet<>();
        for (ValueInfoProto in : graph.feedInputs()) {
            if (InputFeeder.roleOf(in.getName()) == InputFeeder.Role.IDS) {
                ids.add(in.getName());
            }
        }
        boolean grew = !ids.isEmpty();
        while (grew) { // ids cast to another integer type are still the ids
            grew = false;
            for (NodeProto n : graph.nodes()) {
                if ((n.getOpType().equals("Cast") || n.getOpType().equals("Identity")) && n.getInputCount() > 0
                        && ids.contains(n.getInput(0)) && n.getOutputCount() > 0) {
                    grew |= ids.add(n.getOutput(0));
                }
            }
        }
        Map<String, TensorProto> weights = new HashMap<>();
        graph.graph().getInitializerList().forEach(t -> weights.put(t.getName(), t));
        long rows = -1;
        for (NodeProto n : graph.nodes()) {
            if (!n.getOpType().equals("Gather") || n.getInputCount() < 2 || !ids.contains(n.getInput(1))
                    || axis(n) != 0) {
                continue;
            }
            TensorProto table = weights.get(n.getInput(0));
            if (table != null && table.getDimsCount() == 2 && table.getDims(0) > 0) {
                rows = rows < 0 ? table.getDims(0) : Math.min(rows, table.getDims(0));
            }
        }
        return rows;
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
