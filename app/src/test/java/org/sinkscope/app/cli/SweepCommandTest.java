package org.sinkscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sinkscope sweep}: the JSON fields of CLI.md, one entry per length run. */
class SweepCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reportsSinkRatePerLengthOverallAndPerLayer() throws Exception {
        Path text = Files.writeString(tmp.resolve("text.txt"), "The river runs to the sea and the sea is never full. ".repeat(12));
        Path json = tmp.resolve("sweep.json");
        CliRun run = CliRun.of("sweep", "demo:tinysink-llama", "--prompt-file", text.toString(), "--lengths", "16,32,64",
                "--json", json.toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("lengths")).hasSize(3);
        assertThat(r.path("sinkRate")).hasSize(3);
        assertThat(r.path("sinkRateByLayer")).hasSize(3);
        assertThat(r.path("sinkRateByLayer").get(0)).hasSize(8);
        assertThat(r.path("bos").asBoolean()).isTrue();
    }

    @Test
    void aMissingPromptFileExitsThreeWithOneLine() {
        CliRun run = CliRun.of("sweep", "demo:tinysink-gpt2", "--prompt-file", tmp.resolve("none.txt").toString());
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
    }
}
