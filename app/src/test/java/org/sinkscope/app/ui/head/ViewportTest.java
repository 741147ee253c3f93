package org.sinkscope.app.ui.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void fitShowsEveryToken() {
        Viewport v = Viewport.fit(1024);

        assertThat(v.span()).isEqualTo(1024);
        assertThat(v.firstRow()).isZero();
        assertThat(v.endRow()).isEqualTo(1024);
        assertThat(v.isFit()).isTrue();
    }

    @Test
    void zoomingAboutAPointKeepsThatPointInPlace() {
        Viewport v = Viewport.fit(100).zoomed(4, 80, 20);

        assertThat(v.span()).isEqualTo(25);
        // the anchor sat at 80 % down and 20 % across the view; it still does
        assertThat((80 - v.row()) / v.span()).isCloseTo(0.8, within(1e-9));
        assertThat((20 - v.col()) / v.span()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void zoomStopsAtFitAndAtFourCellsASide() {
        assertThat(Viewport.fit(100).zoomed(0.5).zoom()).isEqualTo(1);
        assertThat(Viewport.fit(100).zoomed(1000).span()).isEqualTo(Viewport.MIN_SPAN);
        assertThat(Viewport.fit(3).zoomed(10).zoom()).isEqualTo(1);
    }

    @Test
    void panningIsClampedToTheHead() {
        Viewport v = Viewport.fit(100).zoomed(10);

        assertThat(v.panned(-500, -500).row()).isZero();
        assertThat(v.panned(500, 500).row()).isEqualTo(90);
        assertThat(v.panned(500, 500).endRow()).isEqualTo(100);
        assertThat(Viewport.fit(100).panned(5, 5).row()).isZero();
    }

    @Test
    void visibleRangeCoversPartlyShownCells() {
        Viewport v = new Viewport(100, 10, 2.5, 7.25);

        assertThat(v.firstRow()).isEqualTo(2);
        assertThat(v.endRow()).isEqualTo(13);
        assertThat(v.firstCol()).isEqualTo(7);
        assertThat(v.endCol()).isEqualTo(18);
    }
}
