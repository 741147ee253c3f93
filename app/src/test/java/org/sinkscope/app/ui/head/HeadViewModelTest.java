package org.sinkscope.app.ui.head;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.TestResults;
import org.sinkscope.app.ui.run.RunResult;

class HeadViewModelTest {

    @Test
    void hoverTextNamesQueryAndKeyTokensWithTheValue() {
        HeadViewModel vm = new HeadViewModel();
        vm.show(TestResults.tiny());
        vm.select(0, 0);

        vm.hover(2, 0);

        assertThat(vm.getHoverText()).isEqualTo("query '\u2423cat' (2) \u2192 key '<s>' (0): 0.8000");
    }

    @Test
    void hoverAboveTheDiagonalSaysTheKeyIsMasked() {
        HeadViewModel vm = new HeadViewModel();
        vm.show(TestResults.tiny());
        vm.select(0, 0);

        assertThat(vm.describe(0, 2)).startsWith("query '<s>' (0) \u2192 key '\u2423cat' (2): masked (a causal query sees no later key)");
        assertThat(vm.describe(3, 0)).isNull();
    }

    @Test
    void selectingAHeadSetsTitleAndDetailsWithItsSinkScore() {
        HeadViewModel vm = new HeadViewModel();
        vm.show(TestResults.tiny());

        vm.select(1, 0);

        assertThat(vm.isOpen()).isTrue();
        assertThat(vm.getTitle()).isEqualTo("Layer 1 \u00b7 Head 0");
        assertThat(vm.detailsProperty().get()).startsWith("sink score 0.4000");
        assertThat(vm.shownProperty().get()).isEqualTo(new HeadViewModel.Shown(vm.getResult(), 1, 0));
    }

    @Test
    void arrowMovesStayInsideTheModel() {
        HeadViewModel vm = new HeadViewModel();
        vm.show(TestResults.tiny());
        vm.select(0, 0);

        vm.move(0, 1);
        assertThat(vm.getHead()).isEqualTo(1);
        vm.move(0, 1);
        assertThat(vm.getHead()).isEqualTo(1);
        vm.move(-1, 0);
        assertThat(vm.getLayer()).isEqualTo(0);
        vm.move(1, 0);
        assertThat(vm.getLayer()).isEqualTo(1);
    }

    @Test
    void aNewResultKeepsTheOpenHeadAndRedrawsIt() {
        HeadViewModel vm = new HeadViewModel();
        vm.show(TestResults.tiny());
        vm.select(1, 1);
        RunResult next = TestResults.tiny();

        vm.show(next);

        assertThat(vm.getLayer()).isEqualTo(1);
        assertThat(vm.getHead()).isEqualTo(1);
        assertThat(vm.shownProperty().get().result()).isSameAs(next);
    }

    @Test
    void theViewportFollowsTheResultsLengthAndAThreeTokenHeadCannotZoomPastFit() {
        HeadViewModel vm = new HeadViewModel();
        vm.show(org.sinkscope.app.ui.TestResults.tiny());
        vm.select(0, 0);
        assertThat(vm.getViewport().tokens()).isEqualTo(3);

        vm.zoom(100);
        vm.pan(1, 1);
        assertThat(vm.getViewport()).isEqualTo(Viewport.fit(3));
    }

    @Test
    void selectingARowOrColumnDescribesItAndSelectingItAgainClears() {
        HeadViewModel vm = new HeadViewModel();
        vm.show(org.sinkscope.app.ui.TestResults.tiny());
        vm.select(0, 0);

        vm.select(new HeadViewModel.Selection(false, 0));
        assertThat(vm.getSelectionText()).startsWith("Selected key '<s>' (0): received attention 0.9000");
        vm.select(new HeadViewModel.Selection(true, 2));
        assertThat(vm.getSelectionText()).startsWith("Selected query '\u2423cat' (2): its largest key gets 0.8000");
        vm.select(new HeadViewModel.Selection(true, 2));
        assertThat(vm.getSelection()).isNull();
        assertThat(vm.getSelectionText()).isEmpty();
        vm.select(new HeadViewModel.Selection(true, 7));
        assertThat(vm.getSelection()).isNull();
    }

    @Test
    void styleFollowsTheColormapAndTogglesAndHoverShowsTheRenormalisedValue() {
        HeadViewModel vm = new HeadViewModel();
        vm.show(org.sinkscope.app.ui.TestResults.tiny());
        vm.select(0, 0);

        vm.colormapProperty().set(org.sinkscope.app.ui.heatmap.Colormap.MAGMA);
        vm.logScaleProperty().set(true);
        vm.hideFirstKeyProperty().set(true);

        assertThat(vm.getStyle()).isEqualTo(new org.sinkscope.app.ui.heatmap.HeatmapStyle(
                org.sinkscope.app.ui.heatmap.Colormap.MAGMA, true, true));
        // L0H0 row 2 = [0.8, 0.1, 0.1]: without token 0, key 1 gets 0.1 / 0.2 = 0.5
        assertThat(vm.describe(2, 1)).endsWith("0.1000 \u00b7 without token 0: 0.5000");
        assertThat(vm.describe(2, 0)).endsWith("(hidden)");
    }

    @Test
    void theDetailsListTheHeadsNumbersAndItsTopKeysByReceivedAttention() {
        org.sinkscope.app.ui.run.RunResult r = org.sinkscope.app.ui.TestResults.tiny();
        HeadViewModel vm = new HeadViewModel();
        vm.show(r);

        vm.select(0, 1);

        assertThat(vm.facts()).contains(new HeadViewModel.Fact("Sink score", String.format(java.util.Locale.ROOT,
                "%.4f", r.analysis().sinks().sinkScore(0, 1))), new HeadViewModel.Fact("Source", "softmax-nodes"));
        double[] received = r.analysis().sinks().receivedAttention(0, 1);
        assertThat(vm.topKeys()).hasSize(3);
        for (int k = 1; k < vm.topKeys().size(); k++) {
            assertThat(Double.parseDouble(vm.topKeys().get(k - 1).value()))
                    .isGreaterThanOrEqualTo(Double.parseDouble(vm.topKeys().get(k).value()));
        }
        assertThat(vm.topKeys().get(0).value()).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f",
                java.util.Arrays.stream(received).max().orElseThrow()));
    }
}
