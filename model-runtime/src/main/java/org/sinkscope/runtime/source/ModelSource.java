package org.sinkscope.runtime.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sinkscope.runtime.ModelException;

/**
 * The files that make up one model: the ONNX graph and, when present, its tokenizer.json,
 * config.json and tokenizer_config.json.
 *
 * @param spec      what the user typed (a path or demo:NAME), for messages and reports
 * @param modelFile the .onnx file
 * @param demo      the demo this came from, if any
 */
public record ModelSource(String spec, Path modelFile, Optional<Path> tokenizerFile,
        Optional<Path> configFile, Optional<Path> tokenizerConfigFile, Optional<DemoModel> demo) {

    public static final String DEMO_PREFIX = "demo:";

    /** A name fit for titles: the demo name, or the model file's folder and name. */
    public String displayName() {
        if (demo.isPresent()) {
            return DEMO_PREFIX + demo.get().name();
        }
        Path parent = modelFile.toAbsolutePath().getParent();
        return parent == null ? modelFile.getFileName().toString()
                : parent.getFileName() + "/" + modelFile.getFileName();
    }

    /** Resolves a path to an .onnx file, a folder holding one, or {@code demo:NAME}. */
    public static ModelSource resolve(String spec) throws ModelException {
        if (spec == null || spec.isBlank()) {
            throw new ModelException("no model given: name an .onnx file, a folder holding one, or demo:NAME");
        }
        if (spec.startsWith(DEMO_PREFIX)) {
            return DemoCatalog.standard().source(spec.substring(DEMO_PREFIX.length()));
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return fromFile(findModelIn(path), spec);
        }
        if (!Files.exists(path)) {
            throw new ModelException("model file " + spec + " does not exist: check the path"
                    + " (or use demo:NAME; `sinkscope inspect demo:` lists the demos)");
        }
        if (!Files.isReadable(path)) {
            throw new ModelException("model file " + spec + " cannot be read: check its permissions");
        }
        return fromFile(path, spec);
    }

    /** A model file with the tokenizer and config files that sit beside it. */
    public static ModelSource fromFile(Path modelFile, String spec) {
        Path dir = modelFile.toAbsolutePath().getParent();
        return new ModelSource(spec, modelFile, existing(dir.resolve("tokenizer.json")),
                existing(dir.resolve("config.json")), existing(dir.resolve("tokenizer_config.json")),
                Optional.empty());
    }

    private static Path findModelIn(Path dir) throws ModelException {
        Path model = dir.resolve("model.onnx");
        if (Files.isRegularFile(model)) {
            return model;
        }
        List<Path> onnx;
        try (Stream<Path> files = Files.list(dir)) {
            onnx = files.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList();
        } catch (IOException e) {
            throw new ModelException("cannot list folder " + dir + " (" + e.getMessage() + "): check its permissions");
        }
        if (onnx.size() == 1) {
            return onnx.get(0);
        }
        if (onnx.isEmpty()) {
            throw new ModelException("folder " + dir + " holds no .onnx file: name the model file itself");
        }
        throw new ModelException("folder " + dir + " holds " + onnx.size() + " .onnx files ("
                + onnx.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                + "): name the one to open");
    }

    static Optional<Path> existing(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
