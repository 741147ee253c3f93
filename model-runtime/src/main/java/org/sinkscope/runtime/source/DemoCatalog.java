package org.sinkscope.runtime.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sinkscope.runtime.ModelException;

/**
 * The demo models of the assets module, listed in {@code sinkscope/demos/demos.json} on the
 * classpath. Files inside a jar are copied once into a cache folder, because ONNX Runtime
 * and the tokenizer read files.
 */
public final class DemoCatalog {
    static final String INDEX = "sinkscope/demos/demos.json";
    private static volatile DemoCatalog standard;

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ClassLoader loader;
    private final Path cacheDir;

    private record Entry(DemoModel model, String modelResource, String tokenizer, String config,
            String tokenizerConfig) {
    }

    DemoCatalog(ClassLoader loader, Path cacheDir) {
        this.loader = loader;
        this.cacheDir = cacheDir;
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                return; // the assets module is not on the classpath: no demos
            }
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                DemoModel demo = new DemoModel(n.path("name").asText(), n.path("title").asText(),
                        n.path("description").asText(), n.path("prompt").asText(), n.path("default").asBoolean());
                entries.put(demo.name(), new Entry(demo, n.path("model").asText(), n.path("tokenizer").asText(null),
                        n.path("config").asText(null), n.path("tokenizerConfig").asText(null)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the demo index " + INDEX + " is damaged", e);
        }
    }

    /** The catalog of the application's classpath; cache in ~/.cache/sinkscope/demos. */
    public static DemoCatalog standard() {
        if (standard == null) {
            synchronized (DemoCatalog.class) {
                if (standard == null) {
                    Path cache = Path.of(System.getProperty("user.home"), ".cache", "sinkscope", "demos");
                    standard = new DemoCatalog(DemoCatalog.class.getClassLoader(), cache);
                }
            }
        }
        return standard;
    }

    public List<DemoModel> list() {
        return entries.values().stream().map(Entry::model).toList();
    }

    public Optional<DemoModel> defaultDemo() {
        return list().stream().filter(DemoModel::isDefault).findFirst().or(() -> list().stream().findFirst());
    }

    /** The files of demo NAME, copied out of the jar if need be. */
    public ModelSource source(String name) throws ModelException {
        Entry e = entries.get(name);
        if (e == null) {
            String known = entries.keySet().stream().map(k -> ModelSource.DEMO_PREFIX + k)
                    .collect(Collectors.joining(", "));
            throw new ModelException("there is no demo model '" + name + "': use one of " + known);
        }
        return new ModelSource(ModelSource.DEMO_PREFIX + name, file(e.modelResource()),
                optionalFile(e.tokenizer()), optionalFile(e.config()), optionalFile(e.tokenizerConfig()),
                Optional.of(e.model()));
    }

    private Optional<Path> optionalFile(String resource) throws ModelException {
        return resource == null ? Optional.empty() : Optional.of(file(resource));
    }

    private Path file(String resource) throws ModelException {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new ModelException("the demo file " + resource + " is missing from the application: reinstall SinkScope");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            return extract(url, resource);
        } catch (IOException | URISyntaxException e) {
            throw new ModelException("cannot unpack the demo file " + resource + " into " + cacheDir + " ("
                    + e.getMessage() + "): free some disk space or check that folder's permissions", e);
        }
    }

    /** Copies a resource out of a jar once; a copy of the right size is reused. */
    private Path extract(URL url, String resource) throws IOException {
        Path target = cacheDir.resolve(resource.replace('/', '_'));
        long size = url.openConnection().getContentLengthLong();
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, ".extract", ".tmp");
        try (InputStream in = url.openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** Names of all demos, for messages. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }
}
