package org.sinkscope.runtime.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.inspect.AttentionLocator;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;

/**
 * Mutated model bytes (bit flips, truncations, overwritten ranges) either read and inspect
 * or fail with ModelException, within a time bound. Fixed seeds: a failure reproduces.
 */
class ModelReaderFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static byte[] tiny;
    private static byte[] gpt2;
    private static Path dir;

    /** One change to a model's bytes. */
    record Mutation(String kind, int position, int value, int length) {
        byte[] apply(byte[] original) {
            int at = Math.max(0, Math.min(original.length - 1, position));
            return switch (kind) {
                case "flip" -> {
                    byte[] b = original.clone();
                    b[at] ^= (byte) (1 << (value & 7));
                    yield b;
                }
                case "truncate" -> Arrays.copyOf(original, at);
                case "overwrite" -> {
                    byte[] b = original.clone();
                    for (int i = at; i < Math.min(b.length, at + length); i++) {
                        b[i] = (byte) (value * 31 + i);
                    }
                    yield b;
                }
                case "fill" -> {
                    byte[] b = original.clone();
                    Arrays.fill(b, at, Math.min(b.length, at + length), (byte) value);
                    yield b;
                }
                default -> throw new IllegalArgumentException(kind);
            };
        }
    }

    @BeforeContainer
    static void models() throws Exception {
        tiny = TinyModels.attention().toByteArray();
        gpt2 = Files.readAllBytes(BadInputCorpus.demoModel());
        dir = Files.createTempDirectory("sinkscope-fuzz");
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

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of("flip", "flip", "truncate", "overwrite", "fill"),
                Arbitraries.integers().between(0, tiny.length), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, 64)).as(Mutation::new);
    }

    /** Mutations in the first 64 KiB of the real GPT-2 demo, where the graph's nodes are stored. */
    @Provide
    Arbitrary<Mutation> headerMutations() {
        return Combinators.combine(Arbitraries.of("flip", "flip", "overwrite", "fill"),
                Arbitraries.integers().between(0, Math.min(gpt2.length, 65536)), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, 16)).as(Mutation::new);
    }

    @Property(tries = 200, seed = "20261130")
    void mutatedTinyModelOpensAndRunsOrFailsWithModelException(@ForAll("mutations") Mutation m) {
        Path file = write("tiny", m.apply(tiny));
        assertTimeoutPreemptively(LIMIT, () -> {
            readAndLocate(file, m);
            onlyModelException(m, () -> {
                try (ModelSession s = ModelSession.open(ModelSource.fromFile(file, file.toString()))) {
                    s.run(s.fromIds(new long[] {1, 2, 3}));
                }
            });
        });
    }

    @Property(tries = 150, seed = "4711")
    void mutatedGpt2ReadsAndLocatesOrFailsWithModelException(@ForAll("headerMutations") Mutation m) {
        Path file = write("gpt2", m.apply(gpt2));
        assertTimeoutPreemptively(LIMIT, () -> readAndLocate(file, m));
    }

    @Property(tries = 25, seed = "99")
    void mutatedGpt2OpensOrFailsWithModelException(@ForAll("headerMutations") Mutation m) {
        Path file = write("gpt2-open", m.apply(gpt2));
        assertTimeoutPreemptively(LIMIT, () -> onlyModelException(m, () -> {
            ModelSession.open(ModelSource.fromFile(file, file.toString())).close();
        }));
    }

    @Property(tries = 40, seed = "7")
    void truncatedGpt2FailsWithModelException(@ForAll("cut") int where) {
        Mutation m = new Mutation("truncate", where, 0, 0);
        Path file = write("gpt2-cut", m.apply(gpt2));
        assertTimeoutPreemptively(LIMIT, () -> readAndLocate(file, m));
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.integers().between(0, gpt2.length - 1);
    }

    private static void readAndLocate(Path file, Mutation m) {
        onlyModelException(m, () -> AttentionLocator.locate(OnnxGraph.read(file)));
    }

    interface Action {
        void run() throws Exception;
    }

    private static void onlyModelException(Mutation m, Action action) {
        try {
            action.run();
        } catch (ModelException e) {
            assertThat(e.getMessage()).as(m.toString()).doesNotContain("\n").contains(": ");
        } catch (Throwable t) {
            throw new AssertionError(m + " escaped as " + t, t);
        }
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name + ".onnx"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
