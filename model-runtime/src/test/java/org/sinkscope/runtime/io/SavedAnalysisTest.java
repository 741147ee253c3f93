package org.sinkscope.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

class SavedAnalysisTest {
    @TempDir
    Path tmp;

    private static Analysis analysis() {
        int t = 5;
        int heads = 2;
        float[][] data = new float[3][heads * t * t];
        java.util.Random r = new java.util.Random(7);
        for (float[] layer : data) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < t; i++) {
                    float sum = 0;
                    float[] row = new float[i + 1];
                    for (int j = 0; j <= i; j++) {
                        row[j] = r.nextFloat() + (j == 0 ? 2 : 0);
                        sum += row[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        layer[(h * t + i) * t + j] = row[j] / sum;
                    }
                }
            }
        }
        return Analysis.of(new AttentionSet(heads, t, data), 0.4, true);
    }

    @Test
    void roundTripsAttentionTokensReportAndMetrics() throws Exception {
        Analysis a = analysis();
        TokenizedPrompt tokens = new TokenizedPrompt(new long[] {1, 20, 30, 40, 50}, new long[5],
                new String[] {"<s>", "Привет", " a", "你", "."}, true);
        String json = "{\"model\":{\"path\":\"demo:x\",\"sha256\":\"abc\"},\"bos\":true,\"epsilon\":0.4,"
                + "\"excludeFirstQuery\":true,\"prompt\":\"Привет a你.\",\"tokens\":[{\"text\":\"<s>\"},{\"text\":\"Привет\"},"
                + "{\"text\":\" a\"},{\"text\":\"你\"},{\"text\":\".\"}]}";
        Path file = tmp.resolve("run.npz");
        SavedAnalysis.write(file, a, tokens, json.getBytes(StandardCharsets.UTF_8));

        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.stream().map(e -> e.getName())).contains("attention.npy", "token_ids.npy", "sink_score.npy",
                    "entropy.npy", "rollout_sink_share.npy", "mixing_entropy.npy", "ablated_mixing_entropy.npy",
                    "report_json.npy");
        }
        Map<String, NpyReader.Array> arrays = NpyReader.readNpz(file);
        assertThat(arrays.get("attention").shape()).containsExactly(3, 2, 5, 5);
        assertThat(arrays.get("sink_score").shape()).containsExactly(3, 2);

        SavedAnalysis back = SavedAnalysis.read(file);
        for (int l = 0; l < 3; l++) {
            assertThat(back.analysis().attention().layerData(l)).containsExactly(a.attention().layerData(l));
        }
        assertThat(back.analysis().sinks().sinkScore()).isDeepEqualTo(a.sinks().sinkScore());
        assertThat(back.analysis().mixing().mixingEntropy()).containsExactly(a.mixing().mixingEntropy());
        assertThat(back.analysis().epsilon()).isEqualTo(0.4);
        assertThat(back.analysis().sinks().excludeFirstQuery()).isTrue();
        assertThat(back.tokens()).isEqualTo(tokens);
        assertThat(back.report().path("prompt").asText()).isEqualTo("Привет a你.");

        Path again = tmp.resolve("again.npz");
        SavedAnalysis.write(again, a, tokens, json.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
        assertThat(SavedAnalysis.looksLikeArchive(file)).isTrue();
    }

    @Test
    void rejectsWhatIsNotASavedAnalysis() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.npz"), "nope");
        assertThat(SavedAnalysis.looksLikeArchive(junk)).isFalse();
        assertThatThrownBy(() -> SavedAnalysis.read(junk)).isInstanceOf(java.io.IOException.class);
    }
}
