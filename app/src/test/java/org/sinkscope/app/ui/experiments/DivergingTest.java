package org.sinkscope.app.ui.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivergingTest {
    @Test
    void zeroIsWhiteAndTheEndsAreBlueAndRed() {
        assertThat(Diverging.argb(0)).isEqualTo(0xfff7f7f7);
        assertThat(Diverging.argb(-1)).isEqualTo(0xff2166ac);
        assertThat(Diverging.argb(1)).isEqualTo(0xffb2182b);
        assertThat(Diverging.argb(5)).isEqualTo(Diverging.argb(1));
        assertThat(Diverging.argb(Double.NaN)).isEqualTo(0xfff7f7f7);
    }
}
