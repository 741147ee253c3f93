package org.sinkscope.runtime.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.source.ModelConfig;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.PromptTokenizer;

/**
 * Mutated tokenizer.json and config.json files (the tokenizer is native code behind JNI)
 * either load and encode or fail with ModelException; never another exception, never a hang.
 */
class TokenizerFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static byte[] tokenizer;
    private static byte[] config;
    private static Path dir;

    @BeforeContainer
    static void files() throws Exception {
        tokenizer = Files.readAllBytes(BadInputCorpus.demoTokenizer());
        config = Files.readAllBytes(ModelSource.resolve(BadInputCorpus.GPT2).configFile().orElseThrow());
        dir = Files.createTempDirectory("sinkscope-tokenizer-fuzz");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Mutations in the first 4 KiB of the tokenizer (its settings, pre-tokenizer and first vocabulary entries). */
    @Provide
    Arbitrary<ModelReaderFuzzTest.Mutation> tokenizerMutations() {
        return Combinators.combine(Arbitraries.of("flip", "truncate", "overwrite", "fill"),
                Arbitraries.integers().between(0, 4096), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, 8)).as(ModelReaderFuzzTest.Mutation::new);
    }

    @Provide
    Arbitrary<ModelReaderFuzzTest.Mutation> configMutations() {
        return Combinators.combine(Arbitraries.of("flip", "truncate", "overwrite", "fill"),
                Arbitraries.integers().between(0, config.length), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, 8)).as(ModelReaderFuzzTest.Mutation::new);
    }

    @Property(tries = 80, seed = "314")
    void mutatedTokenizerLoadsAndEncodesOrFailsWithModelException(
            @ForAll("tokenizerMutations") ModelReaderFuzzTest.Mutation m) {
        Path file = write("tokenizer.json", m.apply(tokenizer));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (PromptTokenizer t = PromptTokenizer.load(file, ModelConfig.NONE)) {
                t.encode("The cat sat on the mat. Über den Wolken \u2603", true);
            } catch (ModelException e) {
                assertThat(e.getMessage()).as(m.toString()).doesNotContain("\n").contains(": ");
            } catch (Throwable e) {
                throw new AssertionError(m + " escaped as " + e, e);
            }
        });
    }

    @Property(tries = 100, seed = "2718")
    void mutatedConfigReadsOrFailsWithModelException(@ForAll("configMutations") ModelReaderFuzzTest.Mutation m) {
        Path file = write("config.json", m.apply(config));
        ModelSource source = new ModelSource("fuzz", dir.resolve("model.onnx"), Optional.empty(), Optional.of(file),
                Optional.empty(), Optional.empty());
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                ModelConfig.read(source);
            } catch (ModelException e) {
                assertThat(e.getMessage()).as(m.toString()).doesNotContain("\n").contains(": ");
            } catch (Throwable e) {
                throw new AssertionError(m + " escaped as " + e, e);
            }
        });
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
