package org.sinkscope.app.ui.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.TestResults;
import org.sinkscope.app.ui.run.RunResult;

class SinksViewModelTest {

    @Test
    void defaultEpsilonIsGuEtAlsPointThree() {
        SinksViewModel vm = new SinksViewModel();
        vm.show(TestResults.tiny());

        assertThat(vm.getEpsilon()).isEqualTo(0.3);
        // scores 0.9, 0.567, 0.4, 0.333: all four above 0.3
        assertThat(vm.getSinkRate()).isEqualTo(1.0);
        assertThat(vm.getSummary()).isEqualTo("Sink rate 100.0 % \u00b7 4 of 4 heads with s > 0.3");
    }

    @Test
    void changingEpsilonRejudgesTheStoredScoresWithoutRecomputing() {
        SinksViewModel vm = new SinksViewModel();
        RunResult r = TestResults.tiny();
        vm.show(r);

        vm.epsilonTextProperty().set("0.5");

        assertThat(vm.getResult()).isSameAs(r);
        assertThat(vm.getSinkRate()).isCloseTo(r.analysis().sinks().sinkRate(0.5), within(0.0));
        assertThat(vm.getSinkRateByLayer()).containsExactly(1.0, 0.0);
        assertThat(vm.isSink(0, 1)).isTrue();
        assertThat(vm.isSink(1, 0)).isFalse();
    }

    @Test
    void anUnreadableEpsilonIsMarkedInvalidAndTheLastValidOneStays() {
        SinksViewModel vm = new SinksViewModel();
        vm.show(TestResults.tiny());
        vm.useEpsilon(0.8);

        vm.epsilonTextProperty().set("1.5");
        assertThat(vm.isEpsilonValid()).isFalse();
        vm.epsilonTextProperty().set("abc");
        assertThat(vm.isEpsilonValid()).isFalse();

        assertThat(vm.getEpsilon()).isEqualTo(0.8);
        assertThat(vm.getSinkRate()).isEqualTo(0.25);
    }

    @Test
    void aCommaIsReadAsADecimalPoint() {
        SinksViewModel vm = new SinksViewModel();
        vm.show(TestResults.tiny());

        vm.epsilonTextProperty().set("0,45");

        assertThat(vm.isEpsilonValid()).isTrue();
        assertThat(vm.getEpsilon()).isEqualTo(0.45);
    }

    @Test
    void theFocusedHeadsReceivedAttentionIsSinkMetricsProfile() {
        org.sinkscope.app.ui.run.RunResult r = org.sinkscope.app.ui.TestResults.tiny();
        SinksViewModel vm = new SinksViewModel();
        vm.show(r);
        // no head open: the strongest sink (L0H0, 0.9)
        assertThat(vm.getReceived()).containsExactly(r.analysis().sinks().receivedAttention(0, 0));
        assertThat(vm.getReceivedTitle()).startsWith("Received attention per key, L0 H0, the strongest sink head");

        vm.focusHead(0, 1);

        assertThat(vm.getReceived()).containsExactly(r.analysis().sinks().receivedAttention(0, 1));
        assertThat(vm.getReceivedTitle()).startsWith("Received attention per key, L0 H1");
        vm.focusHead(-1, -1);
        assertThat(vm.getReceived()).containsExactly(r.analysis().sinks().receivedAttention(0, 0));
    }
}
