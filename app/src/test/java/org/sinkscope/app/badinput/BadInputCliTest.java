package org.sinkscope.app.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.runtime.badinput.BadInputCorpus;
import org.sinkscope.runtime.badinput.BadInputCorpus.Case;
import org.sinkscope.runtime.badinput.BadInputCorpus.Scope;

/**
 * The bad-input corpus through {@code inspect}, {@code analyze} and {@code figure}: exit 3
 * (2 for usage), one line on standard error saying what is wrong and what to do, no stack
 * trace, no output file and no temporary file left, within 60 s.
 */
class BadInputCliTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String GOOD_MODEL = BadInputCorpus.GPT2;

    @TempDir
    static Path root;

    private static List<Case> cases;
    private static int counter;

    @BeforeAll
    static void buildCorpus() throws Exception {
        cases = BadInputCorpus.build(Files.createDirectories(root.resolve("corpus")));
    }

    @AfterAll
    static void noJvmCrashFile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hs_err_pid"))).isEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadModelOrInputExitsThreeWithOneLineAndNoFile() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            if (c.scope() != Scope.INPUT) {
                tests.add(DynamicTest.dynamicTest("inspect: " + c, () -> expect(c, out -> List.of("inspect", c.model()))));
            }
            tests.add(DynamicTest.dynamicTest("analyze: " + c, () -> expect(c, out -> {
                List<String> args = new ArrayList<>(List.of("analyze", c.model()));
                args.addAll(c.input());
                args.addAll(List.of("--json", out.resolve("report.json").toString(),
                        "--attention-npy", out.resolve("attention.npy").toString()));
                return args;
            })));
            if (c.scope() != Scope.INPUT) {
                tests.add(DynamicTest.dynamicTest("figure: " + c, () -> expect(c, out -> {
                    List<String> args = new ArrayList<>(List.of("figure", c.model()));
                    args.addAll(c.input());
                    args.addAll(List.of("--view", "grid", "--out", out.resolve("figure.png").toString()));
                    return args;
                })));
            }
        }
        return tests.stream();
    }

    interface Args {
        List<String> in(Path outputFolder);
    }

    private static void expect(Case c, Args args) throws IOException {
        Path out = Files.createDirectories(root.resolve("out-" + counter++));
        Cli run = assertTimeoutPreemptively(LIMIT, () -> Cli.run(args.in(out)));
        if (c.scope() == Scope.MAYBE && run.status() == 0) {
            return;
        }
        checkRefused(c, run, out);
    }

    private static void checkRefused(Case c, Cli run, Path out) throws IOException {
        assertThat(run.status()).as(run.toString()).isEqualTo(3);
        assertThat(run.oneCleanErrorLine()).as(run.toString()).isTrue();
        assertThat(run.err()).as(run.toString()).contains(": ");
        String lower = run.err().toLowerCase(Locale.ROOT);
        for (String word : c.mention()) {
            assertThat(lower).as(run.toString()).contains(word);
        }
        assertThat(run.out()).as(run.toString()).isEmpty();
        assertNothingWritten(out, run);
    }

    private static void assertNothingWritten(Path out, Cli run) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("left behind by " + run).isEmpty();
        }
    }

    @Test
    void outputPathsThatCannotBeWrittenExitThreeBeforeTheRunAndLeaveNothing() throws IOException {
        Path out = Files.createDirectories(root.resolve("outputs"));
        Path aFile = Files.writeString(out.resolve("a-file.txt"), "keep me");
        Path aFolder = Files.createDirectories(out.resolve("a-folder"));
        List<List<String>> bad = List.of(
                List.of("--json", out.resolve("no/such/dir/report.json").toString()),
                List.of("--attention-npy", out.resolve("missing/attention.npy").toString()),
                List.of("--save", out.resolve("missing/run.npz").toString()),
                List.of("--json", aFolder.toString()),
                List.of("--attention-npy", aFolder.toString()),
                List.of("--save", aFolder.toString()),
                List.of("--json", aFile.resolve("report.json").toString()),
                List.of("--json", out.resolve("good.json").toString(), "--attention-npy",
                        out.resolve("missing/attention.npy").toString()));
        for (List<String> outputs : bad) {
            List<String> args = new ArrayList<>(List.of("analyze", GOOD_MODEL, "--prompt", "The cat sat."));
            args.addAll(outputs);
            Cli run = assertTimeoutPreemptively(LIMIT, () -> Cli.run(args));
            assertThat(run.status()).as(run.toString()).isEqualTo(3);
            assertThat(run.oneCleanErrorLine()).as(run.toString()).isTrue();
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString())).as(run.toString())
                        .containsExactlyInAnyOrder("a-file.txt", "a-folder");
            }
            try (Stream<Path> files = Files.list(aFolder)) {
                assertThat(files).as(run.toString()).isEmpty();
            }
        }
        assertThat(Files.readString(aFile)).isEqualTo("keep me");
    }

    @Test
    void aFigureThatCannotBeWrittenExitsThreeAndLeavesNothing() throws IOException {
        Path out = Files.createDirectories(root.resolve("figure-outputs"));
        Path folderNamedLikeAFigure = Files.createDirectories(out.resolve("figure.png"));
        for (String target : List.of(out.resolve("missing/figure.png").toString(), folderNamedLikeAFigure.toString())) {
            Cli run = assertTimeoutPreemptively(LIMIT, () -> Cli.run(List.of("figure", GOOD_MODEL, "--prompt",
                    "The cat sat.", "--view", "grid", "--out", target)));
            assertThat(run.status()).as(run.toString()).isEqualTo(3);
            assertThat(run.oneCleanErrorLine()).as(run.toString()).isTrue();
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString())).as(run.toString()).containsExactly("figure.png");
            }
            try (Stream<Path> files = Files.list(folderNamedLikeAFigure)) {
                assertThat(files).as(run.toString()).isEmpty();
            }
        }
    }

    @Test
    void aReadOnlyOutputFolderExitsThreeAndLeavesNothing() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only folders");
        Path ro = Files.createDirectories(root.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Cli run = Cli.run(List.of("analyze", GOOD_MODEL, "--prompt", "The cat sat.", "--json",
                    ro.resolve("report.json").toString()));
            assertThat(run.status()).as(run.toString()).isEqualTo(3);
            assertThat(run.oneCleanErrorLine()).as(run.toString()).isTrue();
            try (Stream<Path> files = Files.list(ro)) {
                assertThat(files).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        List<List<String>> usage = List.of(
                List.of("analyze", GOOD_MODEL),
                List.of("analyze", GOOD_MODEL, "--prompt", "x", "--ids", "1"),
                List.of("analyze", GOOD_MODEL, "--ids", "1,x"),
                List.of("analyze", GOOD_MODEL, "--prompt", "x", "--epsilon", "2"),
                List.of("analyze", GOOD_MODEL, "--prompt", "x", "--frobnicate"),
                List.of("analyze", GOOD_MODEL, "--prompt"),
                List.of("inspect"),
                List.of("inspect", GOOD_MODEL, "extra"),
                List.of("figure", GOOD_MODEL, "--prompt", "x"),
                List.of("frobnicate"));
        for (List<String> args : usage) {
            Cli run = assertTimeoutPreemptively(LIMIT, () -> Cli.run(args));
            assertThat(run.status()).as(run.toString()).isEqualTo(2);
            assertThat(run.oneCleanErrorLine()).as(run.toString()).isTrue();
        }
    }

    @Test
    void verboseAddsTheStackTraceAndKeepsTheStatus() throws IOException {
        Path model = Files.write(Files.createDirectories(root.resolve("verbose")).resolve("model.onnx"),
                "not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Cli quiet = Cli.run(List.of("inspect", model.toString()));
        Cli verbose = Cli.run(List.of("inspect", model.toString(), "--verbose"));
        assertThat(quiet.status()).isEqualTo(3);
        assertThat(quiet.oneCleanErrorLine()).as(quiet.toString()).isTrue();
        assertThat(verbose.status()).isEqualTo(3);
        assertThat(verbose.err()).startsWith(quiet.err().strip());
        assertThat(verbose.err()).as(verbose.toString()).contains("\tat ");
    }
}
