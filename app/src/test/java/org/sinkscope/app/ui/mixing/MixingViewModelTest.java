package org.sinkscope.app.ui.mixing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.TestResults;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.runtime.metrics.MixingMetrics;

class MixingViewModelTest {

    @Test
    void theSeriesAreMixingMetricsOwnNumbers() {
        RunResult r = TestResults.tiny();
        MixingViewModel vm = new MixingViewModel();

        vm.show(r);

        MixingMetrics m = r.analysis().mixing();
        assertThat(vm.sinkShare()).containsExactly(m.sinkShare());
        assertThat(vm.mixingEntropy()).containsExactly(m.mixingEntropy());
        assertThat(vm.ablatedSinkShare()).containsExactly(m.ablatedSinkShare());
        assertThat(vm.ablatedMixingEntropy()).containsExactly(m.ablatedMixingEntropy());
    }

    @Test
    void aNewResultShowsTheLastLayersCompositionAndTheSliderPicksAnother() {
        RunResult r = TestResults.tiny();
        MixingViewModel vm = new MixingViewModel();

        vm.show(r);
        assertThat(vm.layerProperty().get()).isEqualTo(1);
        assertThat(vm.getComposition()).containsExactly(r.analysis().mixing().lastRowComposition(1));
        assertThat(vm.getSummary()).startsWith("After layer 1 the last token is");

        vm.layerProperty().set(0);
        assertThat(vm.getComposition()).containsExactly(r.analysis().mixing().lastRowComposition(0));
        vm.layerProperty().set(9);
        assertThat(vm.layerProperty().get()).isEqualTo(1);
    }

    @Test
    void tokenLabelsCarryTheirPositionSoRepeatedTokensStayApart() {
        MixingViewModel vm = new MixingViewModel();
        vm.show(TestResults.tiny());

        assertThat(vm.tokenLabels()).containsExactly("0 <s>", "1 The", "2 \u2423cat");
        assertThat(vm.labelsFit()).isTrue();
    }
}
