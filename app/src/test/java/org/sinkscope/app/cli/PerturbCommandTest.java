package org.sinkscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.testing.Fixtures;

/** {@code sinkscope perturb}: CLI.md's fields, the residual stream as source, and the one-token rule. */
class PerturbCommandTest {
    private static final String PROMPT = "The cat sat on the mat and looked at the old dog.";

    @Test
    void reportsRelativeChangePerHiddenStateAndPosition() throws Exception {
        CliRun run = CliRun.of("perturb", "demo:tinysink-gpt2", "--prompt", PROMPT, "--position", "2",
                "--replacement", " dog", "--json", "-");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("position").asInt()).isEqualTo(2);
        assertThat(r.path("hiddenSource").asText()).isEqualTo("residual-stream");
        assertThat(r.path("relativeChange")).hasSize(5); // embedding output + 4 layers
        assertThat(r.path("relativeChange").get(0)).hasSize(r.path("tokens").size());
        assertThat(r.path("relativeChange").get(0).get(2).asDouble()).isPositive();
        assertThat(r.path("replacementId").asLong()).isNotEqualTo(r.path("originalId").asLong());
        assertThat(r.path("sinkScore")).hasSize(4);
    }

    @Test
    void theReportedRelativeChangeIsPyTorchsWithoutBosToo() throws Exception {
        JsonNode reference = new ObjectMapper()
                .readTree(Fixtures.path("reference/pytorch-hidden-states.json").toFile()).get("cases");
        JsonNode c = null;
        for (JsonNode candidate : reference) {
            if (candidate.get("model").asText().equals("tinysink-llama") && !candidate.get("bos").asBoolean()) {
                c = candidate;
            }
        }
        assertThat(c).as("the fixture's no-BOS tinysink-llama case").isNotNull();
        CliRun run = CliRun.of("perturb", "demo:tinysink-llama", "--prompt", c.get("text").asText(), "--no-bos",
                "--position", c.get("position").asText(), "--replacement", c.get("replacement").asText(), "--json", "-");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode ours = new ObjectMapper().readTree(run.out()).path("relativeChange");
        JsonNode theirs = c.get("relativeChange");
        assertThat(ours).hasSize(theirs.size());
        for (int s = 0; s < theirs.size(); s++) {
            assertThat(ours.get(s)).hasSize(theirs.get(s).size());
            for (int j = 0; j < theirs.get(s).size(); j++) {
                assertThat(ours.get(s).get(j).asDouble()).as("state %d position %d", s, j)
                        .isCloseTo(theirs.get(s).get(j).asDouble(), org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void aReplacementOfSeveralTokensExitsThree() {
        CliRun run = CliRun.of("perturb", "demo:tinysink-gpt2", "--prompt", PROMPT, "--position", "2",
                "--replacement", " antidisestablishmentarianism");
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("not one");
    }

    @Test
    void aPositionOutsideThePromptExitsThree() {
        CliRun run = CliRun.of("perturb", "demo:tinysink-gpt2", "--prompt", PROMPT, "--position", "99",
                "--replacement", " dog");
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err()).contains("outside the prompt");
    }
}
