package org.sinkscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code sinkscope bench}: the README's command prints every goal's ratio, for every length asked. */
class BenchCommandTest {
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    @Test
    void printsTheRatiosAndTheBreakdownForEachLength() {
        CliRun run = CliRun.of("bench", "--lengths", "16,40", "--repeat", "2", "--warmup", "1", "--warmup-seconds", "0",
                "--frame", "64");
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("SinkScope bench: demo:tinysink-llama");
        assertThat(run.out()).containsPattern("\\(d\\) peak memory at T=40: \\d+\\.\\d\\d GiB .* ratio to goal \\d+\\.\\d\\d");
        for (String t : List.of("16", "40")) {
            List<String[]> rows = lines.stream().map(String::trim).filter(l -> l.startsWith(t + " "))
                    .map(l -> l.split("\\s+")).toList();
            assertThat(rows).as("a ratio row and a breakdown row for T=" + t).hasSize(2);
            assertThat(rows.get(0)).hasSize(11).allMatch(c -> NUMBER.matcher(c).matches());
            assertThat(rows.get(1)).hasSize(9);
            assertThat(java.util.Arrays.copyOf(rows.get(1), 5)).allMatch(c -> NUMBER.matcher(c).matches());
            // the second run on is written into pinned buffers and measured while it is copied
            assertThat(rows.get(1)[5]).isEqualTo("yes");
            assertThat(rows.get(1)[6]).matches(NUMBER);
            assertThat(rows.get(1)[7]).matches(NUMBER);
            String[] quartiles = rows.get(1)[8].split("-");
            assertThat(quartiles).hasSize(2).allMatch(c -> NUMBER.matcher(c).matches());
            assertThat(Double.parseDouble(quartiles[0])).isLessThanOrEqualTo(Double.parseDouble(quartiles[1]));
            double bare = Double.parseDouble(rows.get(0)[1]);
            double analyze = Double.parseDouble(rows.get(0)[2]);
            // the columns are rounded to 0.1 ms and the ratio to 0.01
            double rounding = analyze / bare * (0.05 / analyze + 0.05 / bare) + 0.005;
            assertThat(Double.parseDouble(rows.get(0)[3])).as("(a) is analyze / bare")
                    .isCloseTo(analyze / bare, org.assertj.core.data.Offset.offset(rounding + 1e-9));
        }
    }

    @Test
    void measuresTheLengthsThatFitAndNamesTheOnesThatDoNot() {
        // 40,000 tokens: 410 GB of attention, more than any test machine has
        CliRun run = CliRun.of("bench", "--lengths", "16,40000", "--repeat", "1", "--warmup-seconds", "0", "--frame", "64");
        assertThat(run.status()).isEqualTo(SinkScopeCli.UNUSABLE);
        assertThat(run.err().strip()).startsWith("sinkscope: not measured: peak memory at T=40000: 40000 tokens need about")
                .contains("use at most").endsWith("(and 1 more)").doesNotContain("\n");
        assertThat(run.out()).contains("(d) peak memory at T=40000: not measured: 40000 tokens need about")
                .containsPattern("(?m)^ 40000  not measured: 40000 tokens need about .* use at most \\d+ tokens$")
                .containsPattern("(?m)^ 40000  not measured$");
        List<String[]> rows = run.out().lines().map(String::trim).filter(l -> l.startsWith("16 "))
                .map(l -> l.split("\\s+")).toList();
        assertThat(rows).as("T=16 measured in full").hasSize(2);
        assertThat(rows.get(0)).hasSize(11).allMatch(c -> NUMBER.matcher(c).matches());
    }

    @Test
    void theProcessStartedForPeakMemoryPrintsItsOneLineAlone() {
        // what bench's own JVM for (d) runs: nothing but the longest prompt, so that the high-water mark is its own
        CliRun run = CliRun.of("bench", "--lengths", "16,40", "--peak-memory-only");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .matches("\\(d\\) peak memory at T=40: \\d+\\.\\d\\d GiB \\(attention 0\\.00 GiB; .* ratio to goal \\d+\\.\\d\\d");
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {4, 1, 3, 2};
        assertThat(BenchCommand.quantile(v, 0.5)).isEqualTo(2.5);
        assertThat(BenchCommand.quantile(v, 0.25)).isEqualTo(1.75);
        assertThat(BenchCommand.quantile(v, 0.75)).isEqualTo(3.25);
        assertThat(BenchCommand.quantile(new double[] {7}, 0.25)).isEqualTo(7);
        assertThat(v).containsExactly(4, 1, 3, 2); // left as it was
    }

    @Test
    void saysWhenOneSideOfTheFirstRatioWasSlowedThroughout() {
        // the fifth stop's full run: bare 122.1 ms against an inference of 38.2
        assertThat(BenchCommand.slowedSide(512, 122.1, 38.2)).isEqualTo("note: at T=512 the bare run took 3.20 times"
                + " analyze's inference, which does much the same arithmetic (0.9-1.25 times on an unslowed machine): the bare run was"
                + " slowed throughout this process, so (a) at T=512 says little; run bench again");
        assertThat(BenchCommand.slowedSide(512, 50, 146)).contains("0.34 times").contains("the inference was slowed");
        assertThat(BenchCommand.slowedSide(512, 49.9, 40.1)).isNull();
        assertThat(BenchCommand.slowedSide(4096, 28061.4, 35118.5)).isNull();
    }

    @Test
    void refusesARepeatOfZeroWithAUsageError() {
        CliRun run = CliRun.of("bench", "--repeat", "0");
        assertThat(run.status()).isEqualTo(SinkScopeCli.USAGE);
        assertThat(run.err()).contains("--repeat >= 1");
    }
}
