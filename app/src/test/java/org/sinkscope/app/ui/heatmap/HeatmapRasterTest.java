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

    @Test
    void aRegionRastersOnlyItsCells() {
        // T = 4, row i puts 1 on key i (the diagonal)
        float[] d = new float[16];
        for (int i = 0; i < 4; i++) {
            d[i * 4 + i] = 1;
        }
        AttentionSet a = new AttentionSet(1, 4, new float[][] {d});

        HeatmapRaster r = HeatmapRaster.region(a.head(0, 0), true, 2, 4, 1, 3, 2, 2, HeatmapStyle.DEFAULT);

        assertThat(r.pixels()).containsExactly(Viridis.argb(0), Viridis.argb(1), Viridis.argb(0), Viridis.argb(0));
    }

    @Test
    void hidingTokenZeroRenormalisesEachRowOverTheRest() {
        // row 1 = [0.8, 0.2]: without key 0, key 1 gets all of it
        AttentionSet a = new AttentionSet(1, 2, new float[][] {{1, 0, 0.8f, 0.2f}});

        HeatmapRaster r = HeatmapRaster.of(a.head(0, 0), true, 2, new HeatmapStyle(Colormap.GREYS, false, true));

        assertThat(r.pixels()[2]).isEqualTo(HeatmapRaster.HIDDEN);
        assertThat(r.pixels()[3]).isEqualTo(Colormap.GREYS.argb(1));
        assertThat(r.pixels()[1]).isEqualTo(Colormap.GREYS.maskedArgb());
    }

    @Test
    void theLogScaleSpansThreeDecades() {
        HeatmapStyle log = new HeatmapStyle(Colormap.VIRIDIS, true, false);

        assertThat(log.position(1)).isEqualTo(1);
        assertThat(log.position(0.01)).isCloseTo(1 / 3.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(log.position(1e-6)).isZero();
        assertThat(log.value(0)).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(log.argb(0.1)).isNotEqualTo(HeatmapStyle.DEFAULT.argb(0.1));
    }

    @Test
    void everyColormapRunsFromItsFirstStopToItsLastAndGetsLighterOrDarkerMonotonically() {
        assertThat(Colormap.MAGMA.argb(0)).isEqualTo(0xff000004);
        assertThat(Colormap.CIVIDIS.argb(1)).isEqualTo(0xffffea46);
        assertThat(Colormap.GREYS.argb(0)).isEqualTo(0xffffffff);
        assertThat(Colormap.byName("Magma")).isEqualTo(Colormap.MAGMA);
        assertThat(Colormap.byName("nope")).isEqualTo(Colormap.VIRIDIS);
        for (Colormap c : Colormap.values()) {
            double last = Double.NaN;
            for (int k = 0; k <= 10; k++) {
                int p = c.argb(k / 10.0);
                double lum = 0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff);
                if (!Double.isNaN(last)) {
                    assertThat(c == Colormap.GREYS ? last - lum : lum - last).as("%s at %d", c, k).isGreaterThan(0);
                }
                last = lum;
            }
        }
    }

    /** region() against the definition written out: each pixel is the max of its block of cells. */
    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyPixelIsTheMaximumOfItsBlockWhateverTheRegionAndSize(long seed) {
        java.util.Random r = new java.util.Random(seed);
        int t = 5 + r.nextInt(60);
        boolean causal = seed % 2 == 0;
        float[] d = new float[t * t];
        for (int i = 0; i < t; i++) {
            double sum = 0;
            for (int j = 0; j <= (causal ? i : t - 1); j++) {
                d[i * t + j] = (float) Math.pow(r.nextDouble(), 4);
                sum += d[i * t + j];
            }
            for (int j = 0; j <= (causal ? i : t - 1); j++) {
                d[i * t + j] /= (float) sum;
            }
        }
        AttentionSet a = new AttentionSet(1, t, new float[][] {d});
        int i0 = r.nextInt(t - 1);
        int i1 = i0 + 1 + r.nextInt(t - i0);
        int j0 = r.nextInt(t - 1);
        int j1 = j0 + 1 + r.nextInt(t - j0);
        int w = 1 + r.nextInt(90);
        int h = 1 + r.nextInt(90);
        HeatmapStyle style = new HeatmapStyle(Colormap.VIRIDIS, seed % 3 == 0, seed % 4 == 1);
        HeatmapRaster raster = HeatmapRaster.region(a.head(0, 0), causal, i0, i1, j0, j1, w, h, style);
        for (int y = 0; y < h; y++) {
            int r0 = i0 + (int) ((long) y * (i1 - i0) / h);
            int r1 = Math.max(r0 + 1, i0 + (int) ((long) (y + 1) * (i1 - i0) / h));
            for (int x = 0; x < w; x++) {
                int c0 = j0 + (int) ((long) x * (j1 - j0) / w);
                int c1 = Math.max(c0 + 1, j0 + (int) ((long) (x + 1) * (j1 - j0) / w));
                int expected;
                if (causal && c0 > r1 - 1) {
                    expected = style.colormap().maskedArgb();
                } else if (style.hideFirstKey() && c1 == 1) {
                    expected = HeatmapRaster.HIDDEN;
                } else {
                    float max = 0;
                    for (int i = r0; i < r1; i++) {
                        float scale = style.hideFirstKey() ? (1 - d[i * t] > 1e-12f ? 1 / (1 - d[i * t]) : 0) : 1;
                        for (int j = Math.max(c0, style.hideFirstKey() ? 1 : 0); j < c1; j++) {
                            max = Math.max(max, d[i * t + j] * scale);
                        }
                    }
                    expected = style.argb(max);
                }
                assertThat(raster.pixels()[y * w + x]).as("pixel (%d, %d)", x, y).isEqualTo(expected);
            }
        }
    }
}
