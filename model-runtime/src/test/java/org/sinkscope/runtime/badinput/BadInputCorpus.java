package org.sinkscope.runtime.badinput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.testing.GraphEdits;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * Bad inputs made from the real demo models and from {@link TinyModels}, written into a
 * folder the test owns. Each case names a model (a path or demo:NAME) and the prompt
 * arguments of the command line; the CLI tests and the runtime tests run the same list.
 */
public final class BadInputCorpus {
    /** What a case breaks, and so which commands must refuse it. */
    public enum Scope {
        /** The model cannot be used: inspect and analyze exit 3. */
        MODEL,
        /** The model is fine, the prompt or tokenizer is not: analyze exits 3. */
        INPUT,
        /** A random mutation that may leave the model usable: exit 0 or 3, nothing else. */
        MAYBE
    }

    /**
     * @param input   the prompt arguments of {@code analyze} (--prompt, --ids or --prompt-file)
     * @param mention words the one error line must contain (lower case), if any
     */
    public record Case(String name, String model, List<String> input, Scope scope, List<String> mention) {
        @Override
        public String toString() {
            return name;
        }

        /** Whether the runtime API can express the input (a prompt file is read by the command line). */
        public boolean runtimeInput() {
            return !input.get(0).equals("--prompt-file");
        }
    }

    public static final String GPT2 = "demo:tinysink-gpt2";
    private static final List<String> IDS = List.of("--ids", "1,2,3");
    private static final List<String> PROMPT = List.of("--prompt", "The cat sat on the mat.");

    private BadInputCorpus() {
    }

    /** The demo tokenizer.json (8192 ids), whichever demo ships it. */
    public static Path demoTokenizer() throws ModelException {
        return ModelSource.resolve(GPT2).tokenizerFile().orElseThrow();
    }

    public static Path demoModel() throws ModelException {
        return ModelSource.resolve(GPT2).modelFile();
    }

    /** Writes every case under {@code root} and lists them. */
    public static List<Case> build(Path root) throws IOException, ModelException {
        List<Case> cases = new ArrayList<>();
        byte[] gpt2 = Files.readAllBytes(demoModel());
        byte[] tiny = TinyModels.attention().toByteArray();

        cases.add(model(root, "empty file", new byte[0], List.of("empty")));
        cases.add(model(root, "random bytes", random(65536, 1), List.of()));
        cases.add(model(root, "a few random bytes", random(17, 2), List.of()));
        for (long cut : new long[] {1, 16, 1000, 100_000, gpt2.length / 2, gpt2.length - 1}) {
            cases.add(model(root, "gpt2 truncated at " + cut, Arrays.copyOf(gpt2, (int) cut), List.of()));
        }
        for (int cut : new int[] {3, 40, tiny.length / 2, tiny.length - 5}) {
            cases.add(model(root, "tiny truncated at " + cut, Arrays.copyOf(tiny, cut), List.of()));
        }
        Random flips = new Random(11);
        for (int i = 0; i < 6; i++) {
            byte[] b = gpt2.clone();
            int at = i < 3 ? i * 7 : flips.nextInt(4096); // the header and the first nodes, where structure lives
            b[at] ^= (byte) (1 << flips.nextInt(8));
            cases.add(new Case("gpt2 bit flip at " + at, write(root, "flip-" + i, b), IDS, Scope.MAYBE, List.of()));
        }
        cases.add(model(root, "plain text named .onnx", utf8("just some notes, not a model\n"), List.of()));
        cases.add(model(root, "JSON named .onnx", utf8("{\"model\": \"gpt2\", \"layers\": 4}\n"), List.of()));
        cases.add(model(root, "HTML named .onnx", utf8("<!DOCTYPE html>\n<html><head><title>404 Not Found</title>"
                + "</head><body>Not Found</body></html>\n"), List.of()));
        cases.add(model(root, "Git LFS pointer named .onnx", utf8("version https://git-lfs.github.com/spec/v1\n"
                + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 13833117\n"),
                List.of("lfs")));
        cases.add(model(root, "zip named .onnx", zipHeader(), List.of()));
        cases.add(new Case("valid model without attention",
                GraphEdits.write(TinyModels.noAttention(), folder(root, "noattention").resolve("model.onnx")).toString(),
                IDS, Scope.MODEL, List.of("no attention")));
        cases.add(new Case("unknown custom operator",
                GraphEdits.write(TinyModels.customOperator(), folder(root, "customop").resolve("model.onnx")).toString(),
                IDS, Scope.MODEL, List.of("com.example.frobnicate")));
        cases.addAll(externalData(root));
        cases.add(new Case("folder with no .onnx file", folder(root, "nothing-here").toString(), IDS, Scope.MODEL,
                List.of("no .onnx")));
        Path two = folder(root, "two-models");
        Files.write(two.resolve("a.onnx"), tiny);
        Files.write(two.resolve("b.onnx"), tiny);
        cases.add(new Case("folder with two .onnx files", two.toString(), IDS, Scope.MODEL, List.of("a.onnx")));
        cases.add(new Case("missing model file", root.resolve("no-such-model.onnx").toString(), IDS, Scope.MODEL,
                List.of("does not exist")));
        cases.add(new Case("unknown demo", "demo:no-such-demo", IDS, Scope.MODEL, List.of("demo")));

        // tokenizers and configs beside a working model
        cases.add(new Case("missing tokenizer with --prompt", tinyWith(root, "no-tokenizer", null, null).toString(),
                PROMPT, Scope.INPUT, List.of("tokenizer.json")));
        cases.add(new Case("tokenizer.json that is not JSON", tinyWith(root, "tok-notjson",
                "{\"model\": {\"type\": \"BPE\", ", null).toString(), PROMPT, Scope.MODEL, List.of("tokenizer")));
        cases.add(new Case("tokenizer.json without a model section", tinyWith(root, "tok-nomodel",
                "{\"version\": \"1.0\"}", null).toString(), PROMPT, Scope.MODEL, List.of("tokenizer")));
        cases.add(new Case("tokenizer.json of an unknown kind", tinyWith(root, "tok-unknown",
                "{\"model\": {\"type\": \"Frobnicator\", \"vocab\": {\"a\": 0}}}", null).toString(), PROMPT,
                Scope.MODEL, List.of("tokenizer")));
        String demoTok = Files.readString(demoTokenizer());
        cases.add(new Case("truncated tokenizer.json", tinyWith(root, "tok-truncated",
                demoTok.substring(0, demoTok.length() / 3), null).toString(), PROMPT, Scope.MODEL, List.of("tokenizer")));
        cases.add(new Case("tokenizer of another model (ids past the vocabulary)",
                tinyWith(root, "tok-mismatch", demoTok, null).toString(), PROMPT, Scope.MODEL,
                List.of("tokenizer", "vocabulary")));
        cases.add(new Case("ids past the vocabulary, no tokenizer", tinyWith(root, "ids-past", null, null).toString(),
                List.of("--ids", "1,2," + (TinyModels.VOCAB + 5)), Scope.INPUT, List.of("vocabulary")));
        cases.add(new Case("config.json that is not JSON", tinyWith(root, "config-bad", null, "{\"n_positions\": ")
                .toString(), IDS, Scope.MODEL, List.of("config.json")));
        cases.add(new Case("config.json that is a JSON list", tinyWith(root, "config-list", null, "[1, 2, 3]")
                .toString(), IDS, Scope.MAYBE, List.of()));

        // prompts
        cases.add(new Case("empty prompt", GPT2, List.of("--prompt", ""), Scope.INPUT, List.of("empty")));
        cases.add(new Case("prompt past the learned positions", GPT2, List.of("--prompt", "word ".repeat(600)),
                Scope.INPUT, List.of("512")));
        cases.add(new Case("ids past the learned positions", GPT2, List.of("--ids", ids(513)), Scope.INPUT,
                List.of("512")));
        cases.add(new Case("prompt past the memory", tinyWith(root, "huge-prompt", null, null).toString(),
                List.of("--ids", ids(60_000)), Scope.INPUT, List.of("60000 tokens")));
        Path invalidUtf8 = Files.write(root.resolve("prompt-latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ',
                (byte) 0xC3, (byte) 0x28, '\n'});
        cases.add(new Case("prompt file not UTF-8", GPT2, List.of("--prompt-file", invalidUtf8.toString()),
                Scope.INPUT, List.of("utf-8")));
        cases.add(new Case("prompt file missing", GPT2, List.of("--prompt-file", root.resolve("nope.txt").toString()),
                Scope.INPUT, List.of("prompt file")));
        cases.add(new Case("prompt file is a folder", GPT2, List.of("--prompt-file", folder(root, "promptdir")
                .toString()), Scope.INPUT, List.of("prompt file")));
        cases.add(new Case("empty prompt file", GPT2, List.of("--prompt-file",
                Files.write(root.resolve("empty-prompt.txt"), new byte[0]).toString()), Scope.INPUT, List.of("empty")));
        return cases;
    }

    /** Runs a case through the runtime API as analyze does: resolve, open, tokenize, run. */
    public static void runThroughRuntime(Case c) throws ModelException {
        try (ModelSession session = ModelSession.open(ModelSource.resolve(c.model()))) {
            TokenizedPrompt tokens = c.input().get(0).equals("--ids")
                    ? session.fromIds(Arrays.stream(c.input().get(1).split(",")).mapToLong(Long::parseLong).toArray())
                    : session.tokenize(c.input().get(1), true);
            session.run(tokens);
        }
    }

    private static List<Case> externalData(Path root) throws IOException {
        List<Case> cases = new ArrayList<>();
        ModelProto tiny = TinyModels.attention();
        // outside the folder, relative: ../outside-weights.bin exists and must never be read
        Path rel = folder(root, "ext-relative");
        ModelProto external = GraphEdits.withExternalData(tiny, rel, "weights.bin");
        Files.move(rel.resolve("weights.bin"), root.resolve("outside-weights.bin"));
        GraphEdits.write(GraphEdits.withExternalLocation(external, "../outside-weights.bin"), rel.resolve("model.onnx"));
        cases.add(new Case("external data outside the folder (relative)", rel.toString(), IDS, Scope.MODEL,
                List.of("outside")));
        Path abs = folder(root, "ext-absolute");
        GraphEdits.write(GraphEdits.withExternalLocation(external, root.resolve("outside-weights.bin")
                .toAbsolutePath().toString()), abs.resolve("model.onnx"));
        cases.add(new Case("external data at an absolute path", abs.toString(), IDS, Scope.MODEL, List.of("outside")));
        Path missing = folder(root, "ext-missing");
        GraphEdits.write(external, missing.resolve("model.onnx"));
        cases.add(new Case("external data file missing", missing.toString(), IDS, Scope.MODEL, List.of("missing")));
        Path link = folder(root, "ext-symlink");
        GraphEdits.write(external, link.resolve("model.onnx"));
        try {
            Files.createSymbolicLink(link.resolve("weights.bin"), root.resolve("outside-weights.bin").toAbsolutePath());
            cases.add(new Case("external data through a symlink out of the folder", link.toString(), IDS, Scope.MODEL,
                    List.of("outside")));
        } catch (UnsupportedOperationException | IOException e) {
            // no symlinks on this file system: the other cases cover the rule
        }
        Path shortData = folder(root, "ext-short");
        GraphEdits.withExternalData(tiny, shortData, "weights.bin");
        GraphEdits.write(external, shortData.resolve("model.onnx"));
        Files.write(shortData.resolve("weights.bin"), new byte[100]);
        cases.add(new Case("external data file too short", shortData.toString(), IDS, Scope.MODEL,
                List.of("truncated")));
        Path badOffset = folder(root, "ext-badoffset");
        GraphEdits.withExternalData(tiny, badOffset, "weights.bin");
        GraphEdits.write(withExternalEntry(external, "offset", "lots"), badOffset.resolve("model.onnx"));
        cases.add(new Case("external data offset that is not a number", badOffset.toString(), IDS, Scope.MODEL,
                List.of("offset")));
        return cases;
    }

    private static ModelProto withExternalEntry(ModelProto model, String key, String value) {
        ModelProto.Builder m = model.toBuilder();
        var g = m.getGraphBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            var t = g.getInitializerBuilder(i);
            for (int k = 0; k < t.getExternalDataCount(); k++) {
                if (t.getExternalData(k).getKey().equals(key)) {
                    t.setExternalData(k, t.getExternalData(k).toBuilder().setValue(value));
                }
            }
        }
        return m.build();
    }

    private static Case model(Path root, String name, byte[] bytes, List<String> mention) throws IOException {
        return new Case(name, write(root, name.replaceAll("[^A-Za-z0-9]+", "-"), bytes), IDS, Scope.MODEL, mention);
    }

    /** A file named model.onnx alone in its own folder. */
    private static String write(Path root, String dir, byte[] bytes) throws IOException {
        return Files.write(folder(root, dir).resolve("model.onnx"), bytes).toString();
    }

    /** The tiny attention model with an optional tokenizer.json and config.json beside it. */
    private static Path tinyWith(Path root, String dir, String tokenizer, String config) throws IOException {
        Path d = folder(root, dir);
        GraphEdits.write(TinyModels.attention(), d.resolve("model.onnx"));
        if (tokenizer != null) {
            Files.writeString(d.resolve("tokenizer.json"), tokenizer);
        }
        if (config != null) {
            Files.writeString(d.resolve("config.json"), config);
        }
        return d.resolve("model.onnx");
    }

    private static Path folder(Path root, String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zipHeader() {
        byte[] b = random(512, 3);
        b[0] = 'P';
        b[1] = 'K';
        b[2] = 3;
        b[3] = 4;
        return b;
    }

    private static String ids(int n) {
        return LongStream.range(0, n).map(i -> 3 + i % 50).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    /** The bytes of a resource or file, for property tests. */
    static byte[] bytes(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
