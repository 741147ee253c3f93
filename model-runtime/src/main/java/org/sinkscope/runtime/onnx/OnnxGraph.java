package org.sinkscope.runtime.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.onnx.proto.Onnx.GraphProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.OperatorSetIdProto;
import org.sinkscope.runtime.onnx.proto.Onnx.StringStringEntryProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorShapeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;

/** An ONNX model read from a file, with the look-ups the attention locator needs. */
public final class OnnxGraph {
    private static final long PROTOBUF_LIMIT = Integer.MAX_VALUE;

    private final Path file;
    private final ModelProto model;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Set<String> initializers = new HashSet<>();
    private final Map<String, Boolean> constantCache = new HashMap<>();

    private OnnxGraph(Path file, ModelProto model) {
        this.file = file;
        this.model = model;
        for (NodeProto node : model.getGraph().getNodeList()) {
            for (String out : node.getOutputList()) {
                producers.put(out, node);
            }
        }
        for (TensorProto t : model.getGraph().getInitializerList()) {
            initializers.add(t.getName());
        }
    }

    /** Reads an .onnx file; every way it can fail becomes one actionable message. */
    public static OnnxGraph read(Path file) throws ModelException {
        String name = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + " (" + e.getMessage() + "): check the path and permissions");
        }
        if (size == 0) {
            throw new ModelException(name + " is empty: it is not an ONNX model; export or download it again");
        }
        if (size >= PROTOBUF_LIMIT) {
            throw new ModelException(name + " is " + size / (1 << 20) + " MiB, over ONNX's 2 GiB limit for one file:"
                    + " export it with external data (weights in a separate file)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = java.nio.channels.Channels.newInputStream(ch)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            coded.setRecursionLimit(500);
            ModelProto model = ModelProto.parseFrom(coded);
            if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
                throw new ModelException(name + " holds no ONNX graph (" + describeStart(file)
                        + "): it is not an ONNX model, or the download is incomplete; export or download it again");
            }
            return new OnnxGraph(file, model);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(name + " is not a valid ONNX model (" + describeStart(file)
                    + "): the file is damaged or not ONNX; export or download it again");
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + " (" + e.getMessage() + "): check the path and permissions");
        }
    }

    /** A hint about what the file is instead, from its first bytes. */
    private static String describeStart(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64);
            String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (text.startsWith("version https://git-lfs")) {
                return "it is a Git LFS pointer; run git lfs pull";
            }
            if (text.startsWith("PK")) {
                return "it is a zip archive; unpack it first";
            }
            if (text.stripLeading().startsWith("{") || text.stripLeading().startsWith("<")) {
                return "it is a text file (JSON or HTML)";
            }
            return "its bytes do not parse as ONNX";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    public Path file() {
        return file;
    }

    public Path folder() {
        return file.toAbsolutePath().getParent();
    }

    public ModelProto model() {
        return model;
    }

    public GraphProto graph() {
        return model.getGraph();
    }

    public List<NodeProto> nodes() {
        return model.getGraph().getNodeList();
    }

    /** The graph inputs a caller must feed (initializers listed as inputs by old exporters excluded). */
    public List<ValueInfoProto> feedInputs() {
        List<ValueInfoProto> result = new ArrayList<>();
        for (ValueInfoProto in : graph().getInputList()) {
            if (!initializers.contains(in.getName())) {
                result.add(in);
            }
        }
        return result;
    }

    public List<ValueInfoProto> outputs() {
        return graph().getOutputList();
    }

    public Optional<NodeProto> producer(String value) {
        return Optional.ofNullable(producers.get(value));
    }

    public boolean isInitializer(String value) {
        return initializers.contains(value);
    }

    /** The opset version imported for a domain ("" = ai.onnx), if any. */
    public OptionalLong opset(String domain) {
        for (OperatorSetIdProto op : model.getOpsetImportList()) {
            String d = op.getDomain().equals("ai.onnx") ? "" : op.getDomain();
            if (d.equals(domain)) {
                return OptionalLong.of(op.getVersion());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Whether a value is computed from weights alone (initializers, Constant nodes and ops on
     * them). Such a value is a weight, not an activation.
     */
    public boolean isConstant(String value) {
        Boolean cached = constantCache.get(value);
        if (cached != null) {
            return cached;
        }
        boolean result;
        if (value.isEmpty() || initializers.contains(value)) {
            result = true;
        } else {
            NodeProto node = producers.get(value);
            if (node == null) {
                result = false; // a graph input
            } else if (node.getOpType().equals("Constant")) {
                result = true;
            } else {
                constantCache.put(value, false); // guards against cycles in a broken graph
                result = node.getInputCount() > 0 && node.getInputList().stream().allMatch(this::isConstant);
            }
        }
        constantCache.put(value, result);
        return result;
    }

    /** The declared dimensions of a value (-1 where symbolic or unknown), if it is declared. */
    public static long[] dims(ValueInfoProto v) {
        if (!v.hasType() || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return null;
        }
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            dims[i] = d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1;
        }
        return dims;
    }

    public static int elementType(ValueInfoProto v) {
        return v.hasType() && v.getType().hasTensorType() ? v.getType().getTensorType().getElemType() : 0;
    }

    public boolean usesExternalData() {
        return graph().getInitializerList().stream()
                .anyMatch(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL);
    }

    /**
     * Copies weights stored in external data files into the model, so that the edited model
     * can be handed to ONNX Runtime from memory. Files must lie inside the model's folder.
     */
    public static ModelProto.Builder inlineExternalData(ModelProto.Builder model, Path folder) throws ModelException {
        GraphProto.Builder graph = model.getGraphBuilder();
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new ModelException("cannot open the model's folder " + folder + ": " + e.getMessage());
        }
        long total = 0;
        Map<Path, FileChannel> open = new HashMap<>();
        try {
            for (int i = 0; i < graph.getInitializerCount(); i++) {
                TensorProto t = graph.getInitializer(i);
                if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                    continue;
                }
                String location = null;
                long offset = 0;
                long length = -1;
                for (StringStringEntryProto e : t.getExternalDataList()) {
                    switch (e.getKey()) {
                        case "location" -> location = e.getValue();
                        case "offset" -> offset = externalNumber(e, t.getName());
                        case "length" -> length = externalNumber(e, t.getName());
                        default -> { }
                    }
                }
                if (location == null) {
                    throw new ModelException("weight '" + t.getName() + "' is marked external but names no file:"
                            + " the export is broken; export the model again");
                }
                Path data = resolveInside(root, location, t.getName());
                FileChannel ch = open.get(data);
                if (ch == null) {
                    ch = FileChannel.open(data, StandardOpenOption.READ);
                    open.put(data, ch);
                }
                if (length < 0) {
                    length = ch.size() - offset;
                }
                if (offset > ch.size() || length > ch.size() - offset) {
                    throw new ModelException("external data file " + location + " is shorter than weight '"
                            + t.getName() + "' needs (" + (offset + length) + " bytes, file has " + ch.size()
                            + "): the file is truncated; copy it again");
                }
                total += length;
                if (total >= PROTOBUF_LIMIT) {
                    throw new ModelException("the model's weights exceed 2 GiB, more than SinkScope can load from"
                            + " memory: use a smaller or quantized export");
                }
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) length);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, offset + buf.position()) < 0) {
                        throw new ModelException("external data file " + location + " ended early: copy it again");
                    }
                }
                buf.flip();
                graph.setInitializer(i, t.toBuilder().clearExternalData()
                        .setDataLocation(TensorProto.DataLocation.DEFAULT)
                        .setRawData(ByteString.copyFrom(buf)).build());
            }
        } catch (IOException e) {
            throw new ModelException("cannot read the model's external data (" + e.getMessage()
                    + "): keep the weight files beside the .onnx file");
        } finally {
            for (FileChannel ch : open.values()) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // read-only channel; nothing to lose
                }
            }
        }
        return model;
    }

    /** An external-data offset or length; a damaged export may hold anything there. */
    private static long externalNumber(StringStringEntryProto e, String tensor) throws ModelException {
        try {
            long v = Long.parseLong(e.getValue().strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException x) {
            throw new ModelException("weight '" + tensor + "' gives its external data " + e.getKey() + " as '"
                    + e.getValue() + "', not a byte count: the export is broken; export the model again");
        }
    }

    private static Path resolveInside(Path root, String location, String tensor) throws ModelException {
        Path p = Path.of(location);
        if (p.isAbsolute()) {
            throw new ModelException("weight '" + tensor + "' points to the absolute path " + location
                    + ", outside the model's folder: SinkScope reads external data only from the model's folder");
        }
        Path resolved = root.resolve(p).normalize();
        if (!Files.exists(resolved)) {
            throw new ModelException("external data file " + location + " (for weight '" + tensor
                    + "') is missing: copy it beside the .onnx file");
        }
        try {
            Path real = resolved.toRealPath();
            if (!real.startsWith(root)) {
                throw new ModelException("weight '" + tensor + "' points to " + location
                        + ", outside the model's folder: SinkScope reads external data only from the model's folder");
            }
            return real;
        } catch (IOException e) {
            throw new ModelException("cannot open external data file " + location + ": " + e.getMessage());
        }
    }
}
