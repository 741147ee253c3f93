package org.sinkscope.app.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.app.ui.TestResults;
import org.sinkscope.app.ui.main.MainViewModel;
import org.sinkscope.app.ui.run.ModelRunner;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.app.ui.task.SameThreadExecutor;
import org.sinkscope.runtime.io.NpyReader;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.source.DemoCatalog;

/** The File menu's work, on the calling thread, no toolkit. */
class ExportViewModelTest {
    private static final String PROMPT = "The cat sat on the mat.";

    @TempDir
    Path dir;

    private final ModelRunner runner = new ModelRunner();
    private final ModelRunner unused = new ModelRunner();

    @AfterEach
    void close() {
        runner.close();
        unused.close();
    }

    private MainViewModel window(ModelRunner r) {
        return new MainViewModel(new SameThreadExecutor(), r, DemoCatalog.standard().list());
    }

    @Test
    void savedAnalysisReopensWithoutTheModelAndItsGridHasTheSameSinkScores() {
        MainViewModel first = window(runner);
        first.start("demo:tinysink-gpt2", PROMPT);
        RunResult original = first.getResult();
        assertThat(original).isNotNull();
        Path file = dir.resolve("run.npz");

        first.export().saveAnalysis(file);
        assertThat(first.getError()).isEmpty();
        assertThat(file).isRegularFile();

        // a fresh window whose runner has loaded nothing: opening needs no model
        MainViewModel second = window(unused);
        second.export().openAnalysis(file);

        assertThat(second.getError()).isEmpty();
        RunResult reopened = second.grid().getResult();
        assertThat(reopened).isNotNull();
        int layers = original.layers();
        int heads = original.heads();
        assertThat(second.grid().getLayers()).isEqualTo(layers);
        assertThat(second.grid().getHeads()).isEqualTo(heads);
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                assertThat(second.grid().cell(l, h).sinkScore())
                        .isEqualTo(first.grid().cell(l, h).sinkScore());
            }
        }
        assertThat(reopened.analysis().sinks().sinkScore()).isDeepEqualTo(original.analysis().sinks().sinkScore());
        assertThat(reopened.prompt().texts()).containsExactly(original.prompt().texts());
        assertThat(second.getModelSpec()).isEqualTo("demo:tinysink-gpt2");
        assertThat(second.getStatus()).contains("saved analysis");
        assertThat(second.export().figureInput(reopened)).usingRecursiveComparison()
                .ignoringFields("analysis").isEqualTo(first.export().figureInput(original));
    }

    @Test
    void metricsCsvHasAHeaderAndOneRowPerHeadWithTheSinkMetricsValues() throws Exception {
        Analysis a = TestResults.tiny().analysis();
        List<String> lines = MetricsCsv.of(a).lines().toList();

        assertThat(lines.get(0)).isEqualTo("layer,head,sinkScore,entropy,isSink,sinkRate,sinkShare,mixingEntropy,"
                + "ablatedSinkShare,ablatedMixingEntropy,epsilon");
        assertThat(lines).hasSize(1 + 2 * 2);
        int row = 1;
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 2; h++) {
                String[] f = lines.get(row++).split(",");
                assertThat(f).hasSize(11);
                assertThat(Integer.parseInt(f[0])).isEqualTo(l);
                assertThat(Integer.parseInt(f[1])).isEqualTo(h);
                assertThat(Double.parseDouble(f[2])).isEqualTo(a.sinks().sinkScore(l, h));
                assertThat(Double.parseDouble(f[3])).isEqualTo(a.entropy().entropy(l, h));
                assertThat(Boolean.parseBoolean(f[4])).isEqualTo(a.sinks().sinkScore(l, h) > 0.3);
                assertThat(Double.parseDouble(f[5])).isEqualTo(a.sinkRateByLayer()[l]);
                assertThat(Double.parseDouble(f[6])).isEqualTo(a.mixing().sinkShare()[l]);
                assertThat(Double.parseDouble(f[7])).isEqualTo(a.mixing().mixingEntropy()[l]);
                assertThat(Double.parseDouble(f[8])).isEqualTo(a.mixing().ablatedSinkShare()[l]);
                assertThat(Double.parseDouble(f[9])).isEqualTo(a.mixing().ablatedMixingEntropy()[l]);
                assertThat(Double.parseDouble(f[10])).isEqualTo(0.3);
            }
        }
        // the documented scores of the hand-made result
        assertThat(Double.parseDouble(lines.get(1).split(",")[2])).isCloseTo(0.9,
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void exportDataWritesTheCsvAtTheWindowsEpsilonAndAHeadsAttentionAsNpy() throws Exception {
        MainViewModel w = window(runner);
        w.start("demo:tinysink-gpt2", PROMPT);
        w.sinks().useEpsilon(0.8);
        Path csv = dir.resolve("m.csv");
        w.export().exportData(new DataRequest(DataRequest.Kind.METRICS_CSV, csv, 0, 0));
        assertThat(Files.readString(csv, StandardCharsets.UTF_8))
                .isEqualTo(MetricsCsv.of(w.getResult().analysis().withEpsilon(0.8)));

        Path npy = dir.resolve("h.npy");
        w.export().exportData(new DataRequest(DataRequest.Kind.ATTENTION_HEAD, npy, 1, 2));
        NpyReader.Array arr;
        try (var in = Files.newInputStream(npy)) {
            arr = NpyReader.read(in);
        }
        int t = w.getResult().tokens();
        assertThat(arr.shape()).containsExactly((long) t, (long) t);
        assertThat(arr.values()[t + 1]).isEqualTo((double) w.getResult().attention().get(1, 2, 1, 1));

        Path json = dir.resolve("r.json");
        w.export().exportData(new DataRequest(DataRequest.Kind.REPORT_JSON, json, 0, 0));
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(report.path("epsilon").asDouble()).isEqualTo(0.8);
        assertThat(report.at("/model/sha256").asText()).hasSize(64);
        assertThat(w.getError()).isEmpty();
    }

    @Test
    void aFigureNamedWithoutAKnownExtensionShowsAnErrorAndWritesNothing() {
        MainViewModel w = window(runner);
        w.start("demo:tinysink-gpt2", PROMPT);
        Path bad = dir.resolve("figure.gif");
        w.export().exportFigure(w.export().figureDefaults().withFile(bad));
        assertThat(w.getError()).contains(".png, .svg or .pdf");
        assertThat(bad).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }
}
