package org.sinkscope.runtime.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.onnx.proto.Onnx.OperatorSetIdProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorShapeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;
import org.sinkscope.runtime.source.ModelConfig;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.PromptTokenizer;

/** Reads a model's files into an {@link Inspection}. */
public final class Inspector {
    private Inspector() {
    }

    public static Inspection inspect(ModelSource source, OnnxGraph graph, ModelConfig config,
            Optional<PromptTokenizer> tokenizer) throws ModelException {
        List<String> opsets = new ArrayList<>();
        for (OperatorSetIdProto op : graph.model().getOpsetImportList()) {
            opsets.add((op.getDomain().isEmpty() ? "ai.onnx" : op.getDomain()) + ":" + op.getVersion());
        }
        String producer = (graph.model().getProducerName() + " " + graph.model().getProducerVersion()).trim();
        OptionalInt bosId = tokenizer.flatMap(t -> t.bosId().isPresent()
                ? Optional.of((int) t.bosId().getAsLong()) : Optional.empty())
                .map(OptionalInt::of).orElse(OptionalInt.empty());
        return new Inspection(source, sha256(source), sizeOf(source), infos(graph.feedInputs()), infos(graph.outputs()),
                AttentionLocator.locate(graph), List.copyOf(opsets), producer, graph.usesExternalData(), config,
                source.tokenizerFile().map(p -> p.getFileName().toString()), bosId,
                tokenizer.map(PromptTokenizer::bosText));
    }

    private static long sizeOf(ModelSource source) throws ModelException {
        try {
            return Files.size(source.modelFile());
        } catch (IOException e) {
            throw new ModelException("cannot read " + source.modelFile() + ": " + e.getMessage());
        }
    }

    /** SHA-256 of the model file, so a report names exactly which weights produced it. */
    public static String sha256(ModelSource source) throws ModelException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(source.modelFile()),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelException("cannot read " + source.modelFile() + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static List<Inspection.TensorInfo> infos(List<ValueInfoProto> values) {
        List<Inspection.TensorInfo> result = new ArrayList<>();
        for (ValueInfoProto v : values) {
            List<String> dims = new ArrayList<>();
            if (v.hasType() && v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
                for (TensorShapeProto.Dimension d : v.getType().getTensorType().getShape().getDimList()) {
                    dims.add(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.hasDimParam() ? d.getDimParam() : "?");
                }
            }
            result.add(new Inspection.TensorInfo(v.getName(), typeName(OnnxGraph.elementType(v)), List.copyOf(dims)));
        }
        return List.copyOf(result);
    }

    public static String typeName(int elemType) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(elemType);
        return t == null ? "type" + elemType : t.name().toLowerCase(java.util.Locale.ROOT);
    }
}
