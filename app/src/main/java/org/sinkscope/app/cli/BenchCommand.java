package org.sinkscope.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sinkscope.app.ui.heatmap.HeatmapRaster;
import org.sinkscope.app.ui.heatmap.HeatmapStyle;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.session.BaselineRun;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sinkscope bench}: SinkScope's costs measured side by side with their baselines in one
 * run, repetitions interleaved (the machine is shared and noisy), medians and ratios printed
 * against the goals of the speed issue.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure analyze vs a bare ONNX Runtime run, metrics vs one streaming pass, rendering, and peak memory.")
final class BenchCommand implements Callable<Integer> {
    private static final String TEXT = "The river starts as a few drops of rain on a high mountain, gathers into a"
            + " stream, and runs past fields and towns until it reaches the sea. ";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "demo:tinysink-llama", description = "model (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--lengths", split = ",", defaultValue = "128,512,2048,4096", description = "token counts")
    int[] lengths;

    @Option(names = "--repeat", defaultValue = "3", description = "interleaved repetitions per measurement")
    int repeat;

    /** Head-view frames per measurement: a short run of zoom or pan steps. */
    private static final int FRAMES = 10;

    @Option(names = "--warmup", defaultValue = "1", description = "unrecorded rounds per length before the measured ones")
    int warmup;

    /**
     * 15 s: the first length in a fresh JVM still paid for it after 5 (on the machine of BENCHMARKS.md,
     * 128 tokens' metrics took 1.4-1.8 ms and their copy 2.6-3.8, against 1.0-1.2 and 2.0-2.1 after 15).
     * Lengths whose single round takes longer are not slowed by it.
     */
    @Option(names = "--warmup-seconds", defaultValue = "15", description = "least warm-up time per length: at short"
            + " lengths one round is far too little for the JIT to compile the hot loops and the JVM to settle")
    double warmupSeconds;

    @Option(names = "--thumbnail", defaultValue = "72", description = "grid thumbnail size in pixels")
    int thumbnail;

    @Option(names = "--frame", defaultValue = "800", description = "head view size in pixels")
    int frame;

    /** Only (d), in the process {@link #peakMemoryInOwnProcess} starts. */
    @Option(names = "--peak-memory-only", hidden = true)
    boolean peakMemoryOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (repeat < 1 || warmup < 0 || !(warmupSeconds >= 0) || thumbnail < 1 || frame < 1 || lengths.length == 0
                || Arrays.stream(lengths).anyMatch(t -> t < 2)) {
            throw new SinkScopeCli.CliException(SinkScopeCli.USAGE, "bench needs --repeat >= 1, --warmup >= 0,"
                    + " --warmup-seconds >= 0, --thumbnail and --frame >= 1, and --lengths of 2 tokens or more");
        }
        ModelSource source = ModelSource.resolve(model);
        int max = Arrays.stream(lengths).max().orElse(512);
        if (peakMemoryOnly) {
            try (ModelSession session = ModelSession.open(source)) {
                out.println(peakMemoryLine(session, longest(session, max), max));
            }
            return 0;
        }
        try (ModelSession session = ModelSession.open(source); BaselineRun bare = new BaselineRun(source)) {
            TokenizedPrompt longest = longest(session, max);
            out.printf(Locale.ROOT, "SinkScope bench: %s, %d CPUs, max heap %.1f GiB, %d repetition%s after a warm-up of"
                    + " at least %d round%s and %.0f s per length (medians)%n", source.displayName(),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (double) (1L << 30), repeat,
                    repeat == 1 ? "" : "s", warmup, warmup == 1 ? "" : "s", warmupSeconds);

            List<String> refusals = new ArrayList<>();
            String peak = peakMemoryInOwnProcess(max);
            out.println(peak);
            if (peak.contains(NOT_MEASURED)) {
                refusals.add("peak memory at T=" + max + ": " + peak.substring(peak.indexOf(NOT_MEASURED) + NOT_MEASURED.length()));
            }

            out.println();
            out.println("(a) analyze end to end vs a bare ONNX Runtime run (goal <= 1.3 at T=512)");
            out.println("(b) all metrics vs one streaming sum over the same attention (goal <= 3)");
            out.println("(c) grid of all heads (" + thumbnail + " px thumbnails) vs the inference; head view frames at "
                    + frame + " px, median of " + FRAMES + " zoom or pan steps (goal <= 16 ms)");
            out.println("     T   bare ms  analyze ms  (a) ratio   metrics ms  sum ms  (b) ratio   grid ms  (c) grid/bare"
                    + "  fit frame ms  zoom frame ms");
            List<String> breakdown = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (int t : lengths) {
                TokenizedPrompt p = prefix(longest, t);
                try {
                    session.checkRunnable(p); // before the bare run, which has no such check
                    measure(session, bare, p, textOf(session, t), out, breakdown, warnings);
                } catch (ModelException notMeasured) {
                    // refused before the runs, or failed during them (memory taken by another program)
                    out.printf(Locale.ROOT, "%6d  not measured: %s%n", t, notMeasured.getMessage());
                    out.flush();
                    breakdown.add(String.format(Locale.ROOT, "%6d  not measured", t));
                    refusals.add("T=" + t + ": " + notMeasured.getMessage());
                }
            }
            out.println();
            out.println("(a) where analyze's time goes (medians; the parts' medians need not add up to the whole's), and the"
                    + " middle half of the repetitions' own ratios; a causal run whose attention fits the pinned buffers is"
                    + " measured while it is copied (metrics on copy: yes), else its metrics follow the copy (after)");
            out.println("     T   bare ms  tokenize ms  inference ms  copy+checks ms  metrics on copy  after ms  analyze ms"
                    + "  (a) p25-p75");
            breakdown.forEach(out::println);
            warnings.forEach(out::println);
            if (!refusals.isEmpty()) {
                out.flush();
                throw new SinkScopeCli.CliException(SinkScopeCli.UNUSABLE, "not measured: " + refusals.get(0)
                        + (refusals.size() > 1 ? " (and " + (refusals.size() - 1) + " more)" : ""));
            }
        }
        return 0;
    }

    /** The benchmark's text tokenized, at least {@code max} tokens. */
    private static TokenizedPrompt longest(ModelSession session, int max) throws ModelException, SinkScopeCli.CliException {
        TokenizedPrompt longest = session.tokenize(TEXT.repeat(max / 20 + 2), true);
        if (longest.length() < max) {
            throw new SinkScopeCli.CliException(SinkScopeCli.UNUSABLE, "the benchmark text is shorter than " + max + " tokens");
        }
        return longest;
    }

    private static final String NOT_MEASURED = ": not measured: ";

    /**
     * (d) in a JVM of its own, started as this one was (its Java, JVM options, class path and
     * environment), which analyses the longest prompt and prints {@link #peakMemoryLine}. The
     * process's high-water mark is then that run's alone, and the other lengths are not measured
     * in a process whose heap and C library the 4,096-token run left behind: there, on the machine
     * of BENCHMARKS.md, 512 tokens' copy faulted in fresh heap for ~30 runs (120-370 ms instead of
     * 15-20) and its inference ran slowed throughout (149 ms instead of 40).
     */
    private String peakMemoryInOwnProcess(int max) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), org.sinkscope.app.Main.class.getName(),
                "bench", "--model", model, "--lengths", String.valueOf(max), "--peak-memory-only"));
        Path errors = Files.createTempFile("sinkscope-bench-peak", ".err");
        try {
            Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            child.getOutputStream().close();
            String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = child.waitFor();
            String line = output.lines().filter(l -> l.startsWith("(d) ")).findFirst().orElse(null);
            if (status == 0 && line != null) {
                return line;
            }
            String why = Files.readAllLines(errors).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b)
                    .orElse("no message");
            return String.format(Locale.ROOT, "(d) peak memory at T=%d%sits process ended with status %d (%s)", max,
                    NOT_MEASURED, status, why.strip());
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** (d): the process's high-water mark after analysing {@code max} tokens, against the goal. */
    private static String peakMemoryLine(ModelSession session, TokenizedPrompt longest, int max) {
        try {
            AttentionSet big = session.run(prefix(longest, max));
            Analysis.of(big, 0.3, false);
            long hwm = highWaterMarkBytes();
            long attentionBytes = big.sizeInBytes();
            double goal = 1.5 * attentionBytes + 0.5 * (1L << 30);
            return String.format(Locale.ROOT, "(d) peak memory at T=%d: %.2f GiB (attention %.2f GiB; goal <= 1.5 x"
                    + " attention + 0.5 GiB = %.2f GiB): ratio to goal %.2f", max, gib(hwm), gib(attentionBytes), gib(goal),
                    hwm / goal);
        } catch (ModelException refused) {
            // a machine too small for the longest length still gets every length that fits
            return String.format(Locale.ROOT, "(d) peak memory at T=%d%s%s", max, NOT_MEASURED, refused.getMessage());
        }
    }

    /**
     * Measures one length: prints its row of ratios, adds its row to {@code breakdown}, and a line
     * to {@code warnings} when one side of (a) was slowed throughout ({@link #slowedSide}).
     * @param text what analyze tokenizes each repetition: about T tokens, not more
     */
    private void measure(ModelSession session, BaselineRun bare, TokenizedPrompt p, String text, PrintWriter out,
            List<String> breakdown, List<String> warnings) throws ModelException {
        int t = p.length();
        double[] tokenizeMs = new double[repeat];
        double[] inferenceMs = new double[repeat];
        double[] copyMs = new double[repeat];
        double[] afterMs = new double[repeat];
        boolean measuredOnCopy = false;
        double[] bareMs = new double[repeat];
        double[] analyzeMs = new double[repeat];
        double[] metricsMs = new double[repeat];
        double[] sumMs = new double[repeat];
        double[] gridMs = new double[repeat];
        double[] fitMs = new double[repeat];
        double[] zoomMs = new double[repeat];
        // warm-up rounds first: the same work unrecorded (into slot 0, overwritten later), so that
        // first-touch costs (the JVM and ONNX Runtime faulting in fresh memory, 5-12 us a page on
        // the benchmark VM) and JIT compilation are not counted as steady-state speed; at short
        // lengths one round is far too little for the JIT, so rounds go on for --warmup-seconds
        long warmFrom = System.nanoTime();
        int warmRounds = 0;
        int recorded = 0;
        while (recorded < repeat) {
            boolean warming = warmRounds < warmup || System.nanoTime() - warmFrom < warmupSeconds * 1e9;
            int r = warming ? 0 : recorded;
            long s0 = System.nanoTime();
            bare.run(p);
            bareMs[r] = ms(s0);
            s0 = System.nanoTime();
            TokenizedPrompt tokens = session.tokenize(text, true);
            tokenizeMs[r] = ms(s0);
            AttentionSet a = session.analyze(prefix(tokens, t), 0.3, false).attention();
            analyzeMs[r] = ms(s0);
            ModelSession.RunTimes times = session.lastRunTimes();
            inferenceMs[r] = times.inferenceNanos() / 1e6;
            copyMs[r] = times.copyNanos() / 1e6;
            measuredOnCopy |= times.measured();
            afterMs[r] = analyzeMs[r] - tokenizeMs[r] - inferenceMs[r] - copyMs[r];
            // (b) all metrics from the stored attention, as for a saved analysis or a changed option
            s0 = System.nanoTime();
            Analysis.of(a, 0.3, false);
            metricsMs[r] = ms(s0);
            s0 = System.nanoTime();
            double sum = streamingSum(a);
            sumMs[r] = ms(s0);
            if (sum <= 0) {
                throw new IllegalStateException("attention sums to " + sum);
            }
            s0 = System.nanoTime();
            for (int l = 0; l < a.layers(); l++) {
                for (int h = 0; h < a.heads(); h++) {
                    HeatmapRaster.of(a.head(l, h), a.causal(), thumbnail, HeatmapStyle.DEFAULT);
                }
            }
            gridMs[r] = ms(s0);
            // frames come in runs while the user zooms or pans: the median of a run of FRAMES
            double[] frames = new double[FRAMES];
            for (int f = 0; f < FRAMES; f++) {
                s0 = System.nanoTime();
                HeatmapRaster.region(a.head(3, 0), a.causal(), 0, t, 0, t, frame, frame, HeatmapStyle.DEFAULT);
                frames[f] = ms(s0);
            }
            fitMs[r] = median(frames);
            int window = Math.min(t, 256);
            for (int f = 0; f < FRAMES; f++) {
                int at = Math.max(0, Math.min(t - window, (t - window) / 2 + 16 * (f - FRAMES / 2))); // a pan step
                s0 = System.nanoTime();
                HeatmapRaster.region(a.head(3, 0), a.causal(), at, at + window, at, at + window, frame, frame,
                        HeatmapStyle.DEFAULT);
                frames[f] = ms(s0);
            }
            zoomMs[r] = median(frames);
            if (warming) {
                warmRounds++;
            } else {
                recorded++;
            }
        }
        double bareMed = median(bareMs);
        double analyzeMed = median(analyzeMs);
        double metricsMed = median(metricsMs);
        double sumMed = median(sumMs);
        out.printf(Locale.ROOT, "%6d  %8.1f  %10.1f  %9.2f   %10.1f  %6.1f  %9.2f   %7.1f  %13.2f  %12.1f  %13.1f%n", t,
                bareMed, analyzeMed, analyzeMed / bareMed, metricsMed, sumMed, metricsMed / sumMed, median(gridMs),
                median(gridMs) / bareMed, median(fitMs), median(zoomMs));
        out.flush();
        // each repetition's own ratio: a slow spell of the machine slows both of its runs alike
        double[] ratios = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            ratios[r] = analyzeMs[r] / bareMs[r];
        }
        breakdown.add(String.format(Locale.ROOT, "%6d  %8.1f  %11.1f  %12.1f  %16.1f  %15s  %9.1f  %10.1f  %9.2f-%.2f",
                t, bareMed, median(tokenizeMs), median(inferenceMs), median(copyMs), measuredOnCopy ? "yes" : "no",
                median(afterMs), analyzeMed, quantile(ratios, 0.25), quantile(ratios, 0.75)));
        String slowed = slowedSide(t, bareMed, median(inferenceMs));
        if (slowed != null) {
            warnings.add(slowed);
        }
    }

    /**
     * How far apart the bare run and the exposed model's inference may be before bench says one of
     * them was slowed: they do much the same arithmetic, and on the machine of BENCHMARKS.md the bare
     * run took 0.93-1.25 times the inference at every length (it also computes the output head,
     * which the exposed model leaves out, and allocates the softmax outputs that analyze has ONNX
     * Runtime write into buffers kept from run to run), while a process slowed on one side
     * throughout showed 1.9-5.1 (bare slowed) or 0.2-0.37 (inference slowed).
     */
    static final double SAME_WORK_SPREAD = 1.6;

    /**
     * A line saying that (a) at length {@code t} says little, when the bare run and the exposed
     * inference differ by more than {@link #SAME_WORK_SPREAD}; else null.
     */
    static String slowedSide(int t, double bareMs, double inferenceMs) {
        double factor = bareMs / inferenceMs;
        if (factor <= SAME_WORK_SPREAD && factor >= 1 / SAME_WORK_SPREAD) {
            return null;
        }
        return String.format(Locale.ROOT, "note: at T=%d the bare run took %.2f times analyze's inference, which does"
                + " much the same arithmetic (0.9-1.25 times on an unslowed machine): the %s was slowed throughout this process,"
                + " so (a) at T=%d says little; run bench again", t, factor, factor > 1 ? "bare run" : "inference", t);
    }

    /** The fewest repetitions of the benchmark's text that make at least {@code t} tokens, BOS included. */
    private static String textOf(ModelSession session, int t) throws ModelException {
        int perRepetition = Math.max(1, session.tokenize(TEXT.repeat(2), true).length()
                - session.tokenize(TEXT, true).length());
        int repetitions = Math.max(1, (t - 1) / perRepetition); // BOS aside, one short at most
        while (session.tokenize(TEXT.repeat(repetitions), true).length() < t) {
            repetitions++;
        }
        return TEXT.repeat(repetitions);
    }

    private static TokenizedPrompt prefix(TokenizedPrompt p, int n) {
        return new TokenizedPrompt(Arrays.copyOf(p.ids(), n), Arrays.copyOf(p.typeIds(), n), Arrays.copyOf(p.texts(), n),
                p.bosPrepended());
    }

    /** The cheapest pass over every probability: what "touching the attention once" costs. */
    static double streamingSum(AttentionSet a) {
        double total = 0;
        for (int l = 0; l < a.layers(); l++) {
            float[] d = a.layerData(l);
            float s = 0;
            for (float v : d) {
                s += v;
            }
            total += s;
        }
        java.lang.ref.Reference.reachabilityFence(a); // its arrays were read directly
        return total;
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] v) {
        return quantile(v, 0.5);
    }

    /** The q-quantile, interpolated between the two nearest order statistics. */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double at = q * (s.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(s.length - 1, below + 1);
        return s[below] + (at - below) * (s[above] - s[below]);
    }

    private static double gib(double bytes) {
        return bytes / (1L << 30);
    }

    /** VmHWM of this process (Linux), or the JVM heap in use elsewhere. */
    private static long highWaterMarkBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
