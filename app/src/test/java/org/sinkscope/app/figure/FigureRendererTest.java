package org.sinkscope.app.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.metrics.Analysis;

/** Views, colour scale, pooling and the vector/raster switch, on synthetic attention. */
class FigureRendererTest {
    @TempDir
    Path tmp;

    /** Causal attention where every query puts half its mass on token 0 and spreads the rest. */
    static FigureInput sinkInput(int layers, int heads, int t) {
        float[][] data = new float[layers][heads * t * t];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < t; i++) {
                    int base = (h * t + i) * t;
                    if (i == 0) {
                        data[l][base] = 1;
                        continue;
                    }
                    data[l][base] = 0.5f;
                    for (int j = 1; j <= i; j++) {
                        data[l][base + j] = 0.5f / i;
                    }
                }
            }
        }
        Analysis a = Analysis.of(new AttentionSet(heads, t, data), 0.3, false);
        ObjectNode report = new ObjectMapper().createObjectNode();
        report.putObject("model").put("path", "/models/tiny/model.onnx").put("sha256", "ab".repeat(32))
                .put("attentionSource", "declared-outputs");
        report.put("bos", true);
        var tokens = report.putArray("tokens");
        for (int i = 0; i < t; i++) {
            tokens.addObject().put("index", i).put("id", i).put("text", i == 0 ? "<s>" : " tok" + i);
        }
        return FigureInput.of(a, report, "a prompt");
    }

    @Test
    void viewsParseAndRejectWhatDoesNotExist() {
        assertThat(View.parse("head:3.7")).isEqualTo(new View(View.Kind.HEAD, 3, 7));
        assertThat(View.parse("layer:2").toString()).isEqualTo("layer:2");
        assertThat(View.parse("grid").kind()).isEqualTo(View.Kind.GRID);
        assertThatThrownBy(() -> View.parse("head:3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid, head:L.H");
        assertThatThrownBy(() -> View.parse("layer:2").check(2, 4)).hasMessageContaining("layers 0..1");
        assertThatThrownBy(() -> View.parse("head:1.4").check(2, 4)).hasMessageContaining("heads 0..3");
    }

    @Test
    void viridisEndsAndLogScale() {
        assertThat(ColorScale.rgbAt(0)).isCloseTo(0x440154, org.assertj.core.data.Offset.offset(0x030303));
        int top = ColorScale.rgbAt(1);
        assertThat((top >> 16) & 0xFF).isBetween(0xF5, 0xFF);
        assertThat((top >> 8) & 0xFF).isBetween(0xDF, 0xEF);
        ColorScale log = ColorScale.log();
        assertThat(log.normalise(1e-4)).isZero();
        assertThat(log.normalise(1e-2)).isEqualTo(0.5);
        assertThat(log.normalise(0)).isZero();
        assertThat(ColorScale.linear().normalise(0.25)).isEqualTo(0.25);
    }

    @Test
    void maxPoolingKeepsAOneColumnSinkVisible() {
        int t = 1000;
        float[] d = new float[t * t];
        for (int i = 0; i < t; i++) {
            d[i * t] = 1f; // every query looks only at token 0
        }
        BufferedImage img = FigureRenderer.pooled(d, 0, t, true, 100, ColorScale.linear());
        assertThat(img.getWidth()).isEqualTo(100);
        for (int y = 0; y < 100; y++) {
            assertThat(img.getRGB(0, y) & 0xFFFFFF).isEqualTo(ColorScale.rgbAt(1));
        }
        assertThat(img.getRGB(99, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF); // above the diagonal: blank
    }

    @Test
    void smallFiguresUseVectorCellsLargeOnesAnImageAndSaySo() {
        var o = FigureRenderer.Options.of(180, false, 300);
        Figure small = FigureRenderer.layout(sinkInput(2, 2, 20), View.parse("grid"), o);
        assertThat(small.rasterCells()).isFalse();
        assertThat(small.caption()).contains("cells: vector", "tiny/model.onnx", "BOS prepended: yes", "T = 20",
                "epsilon = 0.3", "linear");
        Figure big = FigureRenderer.layout(sinkInput(2, 2, 600), View.parse("head:1.1"),
                FigureRenderer.Options.of(180, false, 72));
        assertThat(big.rasterCells()).isTrue();
        assertThat(big.caption()).contains("embedded image").contains("max-pooled");
        assertThat(big.metadata()).containsEntry("cells", "embedded image").containsEntry("view", "head:1.1");
    }

    @Test
    void everyViewDrawsHeadlessAtTheRequestedSize() throws Exception {
        FigureInput in = sinkInput(3, 4, 12);
        for (String v : new String[] {"grid", "head:2.3", "sinks", "mixing", "layer:1"}) {
            Figure f = FigureRenderer.layout(in, View.parse(v), FigureRenderer.Options.of(85, true, 150));
            BufferedImage img = FigureWriter.render(f, 85, 150);
            assertThat(img.getWidth()).as(v).isEqualTo(FigureWriter.pixelWidth(85, 150));
            assertThat(f.height()).as(v).isPositive();
            for (FigureWriter.Format fmt : FigureWriter.Format.values()) {
                Path out = tmp.resolve(v.replace(':', '_') + "." + fmt.name().toLowerCase());
                FigureWriter.write(f, fmt, out, 150, 85);
                assertThat(Files.size(out)).as(out.toString()).isPositive();
            }
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void aFailedWriteLeavesNoFileBehind() throws Exception {
        Figure f = FigureRenderer.layout(sinkInput(1, 1, 4), View.parse("grid"), FigureRenderer.Options.of(60, false, 72));
        Path target = tmp.resolve("gone").resolve("x.pdf");
        assertThatThrownBy(() -> FigureWriter.write(f, FigureWriter.Format.PDF, target, 72, 60))
                .isInstanceOf(java.io.IOException.class);
        assertThat(target.getParent()).doesNotExist();
    }
}
