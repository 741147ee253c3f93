package org.sinkscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.io.NpyReader;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.testing.Fixtures;

/** {@code sinkscope analyze} through its public surface: arguments in, exit status, report and .npy out. */
class AnalyzeCommandTest {
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    private static String referenceIds(String prompt) {
        return Arrays.stream(Fixtures.llamaReference().get(prompt + "_token_ids").values())
                .mapToObj(v -> Long.toString((long) v)).collect(Collectors.joining(","));
    }

    @Test
    void attentionNpyAndJsonReportMatchPyTorchOnTheReferencePrompt() throws Exception {
        Path npy = tmp.resolve("attention.npy");
        Path json = tmp.resolve("report.json");
        CliRun run = CliRun.of("analyze", "demo:tinysink-llama", "--ids", referenceIds("p40"),
                "--json", json.toString(), "--attention-npy", npy.toString());
        assertThat(run.status()).as(run.err()).isZero();

        NpyReader.Array written;
        try (InputStream in = Files.newInputStream(npy)) {
            written = NpyReader.read(in);
        }
        assertThat(written.shape()).containsExactly(8, 8, 39, 39);
        AttentionSet ours = Fixtures.attentionOf(written);
        AttentionSet pytorch = Fixtures.attentionOf(Fixtures.llamaReference().get("p40_attentions"));
        assertThat(Fixtures.maxAbsDifference(ours, pytorch)).isLessThan(TOLERANCE);

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        Analysis expected = Analysis.of(pytorch, 0.3, false);
        assertThat(report.at("/model/layers").asInt()).isEqualTo(8);
        assertThat(report.at("/model/heads").asInt()).isEqualTo(8);
        assertThat(report.at("/model/attentionSource").asText()).isEqualTo("softmax-nodes");
        assertThat(report.at("/model/sha256").asText()).hasSize(64);
        assertThat(report.path("bos").asBoolean()).isTrue();
        assertThat(report.at("/tokens/0/text").asText()).isEqualTo("<|bos|>");
        assertThat(report.at("/tokens/1/text").asText()).isEqualTo("In");
        assertThat(report.at("/tokens/2/text").asText()).isEqualTo(" the");
        assertThat(report.path("epsilon").asDouble()).isEqualTo(0.3);
        assertThat(report.path("excludeFirstQuery").asBoolean()).isFalse();
        assertClose(report.path("sinkScore"), expected.sinks().sinkScore());
        assertThat(report.path("sinkRate").asDouble()).isCloseTo(expected.sinks().sinkRate(0.3), org.assertj.core.data.Offset.offset(1e-12));
        assertClose(report.path("sinkRateByLayer"), expected.sinks().sinkRateByLayer(0.3));
        assertClose(report.path("entropy"), expected.entropy().entropy());
        assertClose(report.at("/mixing/sinkShare"), expected.mixing().sinkShare());
        assertClose(report.at("/mixing/mixingEntropy"), expected.mixing().mixingEntropy());
        assertClose(report.at("/mixing/ablatedMixingEntropy"), expected.mixing().ablatedMixingEntropy());
    }

    @Test
    void jsonToStandardOutputIsTheReportAlone() throws Exception {
        CliRun run = CliRun.of("analyze", "demo:tinysink-gpt2", "--prompt", "The cat sat on the mat.", "--json", "-",
                "--epsilon", "0.8", "--exclude-first-query");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("epsilon").asDouble()).isEqualTo(0.8);
        assertThat(report.path("excludeFirstQuery").asBoolean()).isTrue();
        assertThat(report.path("sinkScore")).hasSize(4);
        assertThat(report.path("sinkScore").get(0)).hasSize(6);
    }

    @Test
    void noBosRunsWithoutTheBosToken() throws Exception {
        CliRun run = CliRun.of("analyze", "demo:tinysink-llama", "--prompt", "The cat sat on the mat.", "--no-bos", "--json", "-");
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("bos").asBoolean()).isFalse();
        assertThat(report.at("/tokens/0/text").asText()).isEqualTo("The");
    }

    @Test
    void textSummaryNamesTheModelAndTheSinkRate() {
        CliRun run = CliRun.of("analyze", "demo:tinysink-llama", "--prompt", "The cat sat on the mat.");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("demo:tinysink-llama", "8 layers x 8 heads", "sink rate:", "strongest sinks:");
    }

    @Test
    void promptFileIsReadAsUtf8() throws Exception {
        Path prompt = Files.writeString(tmp.resolve("prompt.txt"), "Über den Wolken.");
        CliRun run = CliRun.of("analyze", "demo:tinysink-gpt2", "--prompt-file", prompt.toString(), "--json", "-");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"Ü");
    }

    @Test
    void aModelWhoseAttentionIsFusedExitsThreeWithOneLineNamingTheNode() throws Exception {
        Path fused = org.sinkscope.runtime.testing.GraphEdits.write(
                org.sinkscope.runtime.testing.GraphEdits.fusedAttentionModel(), tmp.resolve("fused.onnx"));
        Path json = tmp.resolve("out.json");
        for (CliRun run : new CliRun[] {CliRun.of("inspect", fused.toString()),
                CliRun.of("analyze", fused.toString(), "--ids", "1,2,3", "--json", json.toString())}) {
            assertThat(run.status()).isEqualTo(3);
            assertThat(run.oneErrorLine()).as(run.err()).isTrue();
            assertThat(run.err()).contains("Attention_0", "re-export");
        }
        assertThat(json).doesNotExist();
    }

    @Test
    void unusableInputsExitThreeWithOneLineAndNoOutputFile() throws Exception {
        Path json = tmp.resolve("out.json");
        Path notOnnx = Files.writeString(tmp.resolve("model.onnx"), "{\"not\": \"onnx\"}");
        Map<String, String[]> cases = Map.of(
                "missing model", new String[] {"analyze", tmp.resolve("nope.onnx").toString(), "--ids", "1,2"},
                "text file named .onnx", new String[] {"analyze", notOnnx.toString(), "--ids", "1,2"},
                "unknown demo", new String[] {"analyze", "demo:nope", "--prompt", "x"},
                "id past the vocabulary", new String[] {"analyze", "demo:tinysink-gpt2", "--ids", "0,99999"},
                "prompt past learned positions", new String[] {"analyze", "demo:tinysink-gpt2", "--prompt", "word ".repeat(600)},
                "output folder missing", new String[] {"analyze", "demo:tinysink-gpt2", "--prompt", "x", "--json",
                        tmp.resolve("no/such/dir/out.json").toString()},
                "empty prompt", new String[] {"analyze", "demo:tinysink-gpt2", "--prompt", ""});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String[] args = Arrays.copyOf(c.getValue(), c.getValue().length + 2);
            if (!Arrays.asList(c.getValue()).contains("--json")) {
                args[args.length - 2] = "--json";
                args[args.length - 1] = json.toString();
            } else {
                args = c.getValue();
            }
            CliRun run = CliRun.of(args);
            assertThat(run.status()).as(c.getKey() + ": " + run.err()).isEqualTo(3);
            assertThat(run.oneErrorLine()).as(c.getKey() + ": " + run.err()).isTrue();
            assertThat(run.err()).as(c.getKey()).doesNotContain("Exception", "\tat ");
            assertThat(json).as(c.getKey()).doesNotExist();
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.of("analyze", "demo:tinysink-gpt2").status()).isEqualTo(2);
        assertThat(CliRun.of("analyze", "demo:tinysink-gpt2", "--prompt", "x", "--ids", "1").status()).isEqualTo(2);
        CliRun eps = CliRun.of("analyze", "demo:tinysink-gpt2", "--prompt", "x", "--epsilon", "1.5");
        assertThat(eps.status()).isEqualTo(2);
        assertThat(eps.oneErrorLine()).isTrue();
        assertThat(CliRun.of("analyze", "demo:tinysink-gpt2", "--ids", "1,x").status()).isEqualTo(2);
        CliRun typo = CliRun.of("frobnicate");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("neither a subcommand");
        assertThat(CliRun.of("gui", "no/such/model.onnx").status()).isEqualTo(3);
    }

    private static void assertClose(JsonNode actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual.get(i).asDouble() - expected[i])).as("index " + i).isLessThan(TOLERANCE);
        }
    }

    private static void assertClose(JsonNode actual, double[][] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual.get(i), expected[i]);
        }
    }
}
