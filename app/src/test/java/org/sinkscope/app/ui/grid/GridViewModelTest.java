package org.sinkscope.app.ui.grid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.TestResults;

class GridViewModelTest {

    @Test
    void byPositionColumnsAreHeadsAndBySinkScoreEachLayerReadsFromItsStrongestSink() {
        GridViewModel vm = new GridViewModel();
        vm.show(TestResults.tiny());
        assertThat(vm.displayed(0, 0).head()).isEqualTo(0);
        assertThat(vm.displayed(0, 1).head()).isEqualTo(1);

        vm.bySinkScoreProperty().set(true);

        // L0: H0 0.9 > H1 0.567; L1: H0 0.4 > H1 0.333
        assertThat(vm.displayed(0, 0)).isEqualTo(vm.cell(0, 0));
        assertThat(vm.displayed(1, 1)).isEqualTo(vm.cell(1, 1));
        for (int l = 0; l < 2; l++) {
            assertThat(vm.displayed(l, 0).sinkScore()).isGreaterThanOrEqualTo(vm.displayed(l, 1).sinkScore());
        }
    }
}
