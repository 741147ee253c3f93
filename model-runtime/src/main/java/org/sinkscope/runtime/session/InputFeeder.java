package org.sinkscope.runtime.session;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorProto.DataType;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorShapeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Builds the tensors for whatever inputs a graph declares, by their role: token ids,
 * attention mask, token types, positions, and empty KV-cache inputs (past length 0).
 */
final class InputFeeder {
    enum Role { IDS, MASK, TOKEN_TYPES, POSITIONS, PAST, USE_CACHE_BRANCH }

    record Feed(ValueInfoProto input, Role role, int elemType) {
    }

    private final List<Feed> feeds;
    private final long fixedLength;

    private InputFeeder(List<Feed> feeds, long fixedLength) {
        this.feeds = feeds;
        this.fixedLength = fixedLength;
    }

    static InputFeeder plan(OnnxGraph graph) throws ModelException {
        List<Feed> feeds = new ArrayList<>();
        long fixed = -1;
        for (ValueInfoProto in : graph.feedInputs()) {
            Role role = roleOf(in.getName());
            if (role == null) {
                throw new ModelException("the model wants an input '" + in.getName() + "' that SinkScope cannot fill"
                        + " (it feeds input_ids, attention_mask, token_type_ids, position_ids and empty"
                        + " past_key_values.*): export the model with standard input names");
            }
            int type = OnnxGraph.elementType(in);
            if (role == Role.IDS) {
                long[] dims = OnnxGraph.dims(in);
                if (dims != null && dims.length == 2 && dims[1] > 0) {
                    fixed = dims[1];
                }
            }
            feeds.add(new Feed(in, role, type));
        }
        if (feeds.stream().noneMatch(f -> f.role() == Role.IDS)) {
            throw new ModelException("the model has no token-id input (inputs: " + graph.feedInputs().stream()
                    .map(ValueInfoProto::getName).toList() + "): SinkScope runs models that take input_ids");
        }
        return new InputFeeder(List.copyOf(feeds), fixed);
    }

    /** The sequence length a fixed-shape export accepts, or -1 when dynamic. */
    long fixedLength() {
        return fixedLength;
    }

    static Role roleOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("past") || n.contains("cache") && !n.contains("branch") && !n.contains("position")) {
            return Role.PAST;
        }
        if (n.equals("use_cache_branch")) {
            return Role.USE_CACHE_BRANCH;
        }
        if (n.contains("input_ids") || n.equals("input") || n.equals("ids") || n.equals("tokens") || n.equals("x")) {
            return Role.IDS;
        }
        if (n.contains("attention_mask") || n.equals("mask") || n.equals("input_mask")) {
            return Role.MASK;
        }
        if (n.contains("token_type") || n.contains("segment")) {
            return Role.TOKEN_TYPES;
        }
        if (n.contains("position") && !n.contains("past")) {
            return Role.POSITIONS;
        }
        return null;
    }

    /** Tensors for one prompt; the caller closes them. */
    Map<String, OnnxTensor> tensors(OrtEnvironment env, TokenizedPrompt prompt) throws ModelException {
        int t = prompt.length();
        Map<String, OnnxTensor> result = new LinkedHashMap<>();
        try {
            for (Feed f : feeds) {
                String name = f.input().getName();
                OnnxTensor tensor = switch (f.role()) {
                    case IDS -> ints(env, f, prompt.ids());
                    case TOKEN_TYPES -> ints(env, f, prompt.typeIds());
                    case MASK -> ints(env, f, filled(t, 1));
                    case POSITIONS -> ints(env, f, range(t));
                    case USE_CACHE_BRANCH -> OnnxTensor.createTensor(env, new boolean[] {false});
                    case PAST -> emptyPast(env, f);
                };
                result.put(name, tensor);
            }
            return result;
        } catch (OrtException e) {
            result.values().forEach(OnnxTensor::close);
            throw new ModelException("cannot build the model's inputs: " + e.getMessage());
        } catch (ModelException e) {
            result.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private static long[] filled(int n, long v) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static long[] range(int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** A [1, T] (or [T] for rank-1 inputs) tensor of int64 or int32, as the input declares. */
    private static OnnxTensor ints(OrtEnvironment env, Feed f, long[] values) throws OrtException, ModelException {
        long[] dims = OnnxGraph.dims(f.input());
        long[] shape = dims != null && dims.length == 1 ? new long[] {values.length} : new long[] {1, values.length};
        if (f.elemType() == DataType.INT32_VALUE) {
            int[] ints = new int[values.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = Math.toIntExact(values[i]);
            }
            return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
        }
        if (f.elemType() == DataType.INT64_VALUE || f.elemType() == 0) {
            return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
        }
        if (f.elemType() == DataType.FLOAT_VALUE && f.role() == Role.MASK) {
            float[] floats = new float[values.length];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = values[i];
            }
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(floats), shape);
        }
        throw new ModelException("input '" + f.input().getName() + "' wants " + typeName(f.elemType())
                + " values, which SinkScope cannot feed as " + f.role().name().toLowerCase(Locale.ROOT)
                + ": export it with int64 or int32 inputs");
    }

    /** A KV-cache input with past length 0: batch 1, the sequence axis 0, other axes as declared. */
    private static OnnxTensor emptyPast(OrtEnvironment env, Feed f) throws OrtException, ModelException {
        ValueInfoProto in = f.input();
        if (!in.getType().getTensorType().hasShape()) {
            throw new ModelException("cache input '" + in.getName() + "' has no declared shape, so SinkScope cannot"
                    + " build an empty cache for it: export with shapes, or without the KV cache");
        }
        List<TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
        long[] shape = new long[dims.size()];
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            if (d.hasDimValue() && d.getDimValue() > 0) {
                shape[i] = d.getDimValue();
            } else if (i == 0) {
                shape[i] = 1;
            } else {
                String p = d.getDimParam().toLowerCase(Locale.ROOT);
                if (p.contains("seq") || p.contains("len") || p.contains("past") || p.contains("cache")) {
                    shape[i] = 0;
                } else {
                    unknown.add(i);
                }
            }
        }
        if (unknown.size() == 1 && java.util.Arrays.stream(shape).noneMatch(s -> s == 0)) {
            shape[unknown.get(0)] = 0; // the one dynamic axis left is the past sequence
        } else if (!unknown.isEmpty()) {
            throw new ModelException("cache input '" + in.getName() + "' has dynamic axes SinkScope cannot size "
                    + unknown + ": export with fixed head counts, or without the KV cache");
        }
        OnnxJavaType type = switch (f.elemType()) {
            case DataType.FLOAT16_VALUE -> OnnxJavaType.FLOAT16;
            case DataType.BFLOAT16_VALUE -> OnnxJavaType.BFLOAT16;
            case DataType.FLOAT_VALUE, 0 -> OnnxJavaType.FLOAT;
            default -> throw new ModelException("cache input '" + in.getName() + "' has type "
                    + typeName(f.elemType()) + ", which SinkScope cannot feed: export with a float cache");
        };
        return OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, type);
    }

    private static String typeName(int t) {
        DataType d = DataType.forNumber(t);
        return d == null ? "type " + t : d.name().toLowerCase(Locale.ROOT);
    }
}
