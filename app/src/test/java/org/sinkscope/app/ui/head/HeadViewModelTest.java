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
}
