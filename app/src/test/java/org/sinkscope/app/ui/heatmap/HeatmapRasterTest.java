package org.sinkscope.app.ui.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.attention.AttentionSet;

class HeatmapRasterTest {

    /** T tokens, causal, every query puts all its attention on token 0. */
    private static AttentionSet pureSink(int t) {
        float[] d = new float[t * t];
        for (int i = 0; i < t; i++) {
            d[i * t] = 1;
        }
        return new AttentionSet(1, t, new float[][] {d});
    }

    @Test
    void onePixelPerCellWhenTheSizeIsTheTokenCount() {
        HeatmapRaster r = HeatmapRaster.of(pureSink(4).head(0, 0), true, 4);

        assertThat(r.width()).isEqualTo(4);
        assertThat(r.pixels()[0]).isEqualTo(Viridis.argb(1));        // (0,0): the sink
        assertThat(r.pixels()[3 * 4 + 1]).isEqualTo(Viridis.argb(0)); // (3,1): visible, zero
        assertThat(r.pixels()[1]).isEqualTo(HeatmapRaster.MASKED);   // (0,1): a causal query cannot see key 1
    }

    @Test
    void upscalingDrawsEachCellAsABlockOfWholePixels() {
        HeatmapRaster r = HeatmapRaster.of(pureSink(2).head(0, 0), true, 4);

        // cell (0,0) covers pixels x, y in {0, 1}
        assertThat(r.pixels()[0]).isEqualTo(Viridis.argb(1));
        assertThat(r.pixels()[1 * 4 + 1]).isEqualTo(Viridis.argb(1));
        assertThat(r.pixels()[2]).isEqualTo(HeatmapRaster.MASKED);
    }

    @Test
    void poolingKeepsAOneColumnSinkAtFullStrength() {
        HeatmapRaster r = HeatmapRaster.of(pureSink(1000).head(0, 0), true, 100);

        assertThat(r.width()).isEqualTo(100);
        for (int y = 0; y < 100; y++) {
            assertThat(r.pixels()[y * 100]).as("row %d", y).isEqualTo(Viridis.argb(1));
        }
    }

    @Test
    void viridisRunsFromDarkPurpleToYellow() {
        assertThat(Viridis.argb(0)).isEqualTo(0xff440154);
        assertThat(Viridis.argb(1)).isEqualTo(0xfffde725);
        assertThat(Viridis.argb(Double.NaN)).isEqualTo(0xff440154);
        assertThat(Viridis.wantsDarkText(1)).isTrue();
        assertThat(Viridis.wantsDarkText(0)).isFalse();
    }
}
