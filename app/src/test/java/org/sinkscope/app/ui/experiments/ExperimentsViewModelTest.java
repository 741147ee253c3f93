package org.sinkscope.app.ui.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sinkscope.app.ui.task.SameThreadExecutor;
import org.sinkscope.runtime.experiments.Perturbation;
import org.sinkscope.runtime.hidden.HiddenSource;

class ExperimentsViewModelTest {
    private static final String PROMPT = "The cat sat on the mat and looked at the old dog sleeping by the fire.";

    private final ExperimentsViewModel vm = new ExperimentsViewModel(new SameThreadExecutor(), new ExperimentRunner());

    private void use(String model) {
        vm.inputs().modelSpecProperty().set(model);
        vm.inputs().promptProperty().set(PROMPT);
    }

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void bosComparisonShowsTheBosTrainedModelsSinksCollapsingWithoutBos() {
        use("demo:tinysink-llama");

        vm.bos().run();

        BosCompareViewModel.Result r = vm.bos().task().getResult();
        assertThat(vm.bos().task().getError()).isEmpty();
        assertThat(r.comparison().withBos().sinkRate()).isGreaterThan(0.5);
        assertThat(r.comparison().withoutBos().sinkRate()).isLessThan(0.1);
        assertThat(r.comparison().withBosPrompt().length()).isEqualTo(r.comparison().withoutBosPrompt().length() + 1);
        assertThat(vm.bos().task().getStatus()).contains("demo:tinysink-llama").contains("with BOS");
    }

    @Test
    void aNewEpsilonRejudgesTheStoredRunsWithoutRunningAgain() {
        use("demo:tinysink-llama");
        vm.bos().run();
        BosCompareViewModel.Result before = vm.bos().task().getResult();

        vm.inputs().epsilonProperty().set(0.8);

        BosCompareViewModel.Result after = vm.bos().task().getResult();
        assertThat(after.comparison().withBos().attention()).isSameAs(before.comparison().withBos().attention());
        assertThat(after.comparison().withBos().epsilon()).isEqualTo(0.8);
        assertThat(after.comparison().withBos().sinkRate()).isLessThan(before.comparison().withBos().sinkRate());
    }

    @Test
    void perturbationReplacesTheSameTokenWithAndWithoutBos() {
        use("demo:tinysink-llama");
        vm.perturbation().positionProperty().set(3);
        vm.perturbation().replacementProperty().set(" dog");

        vm.perturbation().run();

        PerturbationViewModel.Result r = vm.perturbation().task().getResult();
        assertThat(vm.perturbation().task().getError()).isEmpty();
        assertThat(r.withBos().position()).isEqualTo(4);
        assertThat(r.withoutBos().position()).isEqualTo(3);
        assertThat(r.withBos().original().texts()[4]).isEqualTo(r.withoutBos().original().texts()[3]);
        assertThat(r.withBos().perturbed().texts()[4]).isEqualTo(r.withoutBos().perturbed().texts()[3]);
        assertThat(r.withBos().replacementId()).isEqualTo(r.withoutBos().replacementId());
        // causal: nothing before the replaced token changes, the token itself does
        double[][] d = r.withoutBos().relativeChange();
        for (double[] row : d) {
            for (int j = 0; j < 3; j++) {
                assertThat(row[j]).isEqualTo(0.0);
            }
        }
        assertThat(d[0][3]).isGreaterThan(0.1);
        assertThat(r.withBos().source()).isNotEqualTo(Perturbation.ATTENTION_ONLY);
    }

    @Test
    void aReplacementOfSeveralTokensIsRefusedAndTheLastResultStays() {
        use("demo:tinysink-gpt2");
        vm.perturbation().run();
        PerturbationViewModel.Result first = vm.perturbation().task().getResult();

        vm.perturbation().replacementProperty().set(" extraordinarily unpronounceable");
        vm.perturbation().run();

        assertThat(vm.perturbation().task().getError()).isNotEmpty();
        assertThat(vm.perturbation().task().getResult()).isSameAs(first);
        assertThat(vm.perturbation().task().getStatus()).isEqualTo("Showing the last result.");
    }

    @Test
    void everySuggestionIsOneTokenOfTheDemoTokenizer() {
        use("demo:tinysink-gpt2");
        for (String s : PerturbationViewModel.SUGGESTIONS) {
            vm.perturbation().replacementProperty().set(s);
            vm.perturbation().run();
            assertThat(vm.perturbation().task().getError()).as(s).isEmpty();
        }
    }

    @Test
    void sweepRunsPrefixesOfTheShippedStoryUpToTheLimit() {
        use("demo:tinysink-gpt2");
        vm.sweep().maxLengthProperty().set(64);

        vm.sweep().run();

        SweepViewModel.Result r = vm.sweep().task().getResult();
        assertThat(vm.sweep().task().getError()).isEmpty();
        assertThat(r.sweep().lengths()).containsExactly(16, 32, 64);
        assertThat(r.available()).isGreaterThan(500);
        assertThat(r.sweep().sinkRateByLayer()[0]).hasSize(4);
        assertThat(SweepViewModel.demoText()).startsWith("The road out of the village");
    }

    @Test
    void sweepOfTheRepeatedPromptRunsTooWithoutBos() {
        use("demo:tinysink-gpt2");
        vm.inputs().withBosProperty().set(false);
        vm.sweep().sourceProperty().set(SweepViewModel.Source.PROMPT_REPEATED);
        vm.sweep().maxLengthProperty().set(40);

        vm.sweep().run();

        assertThat(vm.sweep().task().getResult().sweep().lengths()).containsExactly(16, 32, 40);
        assertThat(SweepViewModel.repeated("a b")).startsWith("a b a b");
    }

    @Test
    void modelComparisonRunsBothModelsOnTheSamePrompt() {
        use("demo:tinysink-llama");
        vm.compare().secondModelProperty().set("demo:tinysink-gpt2");

        vm.compare().run();

        ModelCompareViewModel.Result r = vm.compare().task().getResult();
        assertThat(vm.compare().task().getError()).isEmpty();
        assertThat(r.first().modelName()).isEqualTo("demo:tinysink-llama");
        assertThat(r.second().modelName()).isEqualTo("demo:tinysink-gpt2");
        assertThat(r.first().analysis().sinks().sinkScore()).hasNumberOfRows(8);
        assertThat(r.second().analysis().sinks().sinkScore()).hasNumberOfRows(4);
        assertThat(r.first().prompt().length()).isEqualTo(r.second().prompt().length());
    }

    @Test
    void hiddenStatesGiveOneRowPerStateAndCollapseCurves() {
        use("demo:tinysink-gpt2");

        vm.hidden().run();

        HiddenStatesViewModel.Result r = vm.hidden().task().getResult();
        assertThat(vm.hidden().task().getError()).isEmpty();
        assertThat(r.source().kind()).isNotEqualTo(HiddenSource.NONE);
        assertThat(r.metrics().tokenNorms()).hasNumberOfRows(r.metrics().meanPairwiseCosine().length);
        assertThat(r.metrics().tokenNorms()[0]).hasSize(r.prompt().length());
        assertThat(Arrays.stream(r.metrics().rankCollapseResidual()).allMatch(v -> v >= 0 && v <= 1.0001)).isTrue();
        assertThat(r.massiveTotal()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void runSelectedRunsTheExperimentInFront() {
        use("demo:tinysink-gpt2");
        vm.selectedProperty().set(ExperimentsViewModel.Experiment.HIDDEN);

        vm.runSelected();

        assertThat(vm.hidden().task().getResult()).isNotNull();
        assertThat(vm.bos().task().getResult()).isNull();
    }

    @Test
    void noModelGivesAnErrorLineNotAnException() {
        vm.bos().run();

        assertThat(vm.bos().task().getError()).contains("no model chosen");
        assertThat(vm.bos().task().getStatus()).isEqualTo("Nothing to show yet.");
    }
}
