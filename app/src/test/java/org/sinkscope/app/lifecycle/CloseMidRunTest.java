package org.sinkscope.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the window while a long run is inside ONNX Runtime: the process exits by itself with
 * status 0, promptly, with no crash file and nothing on standard error but JavaFX's own notes.
 * A separate JVM, because what is tested is the JVM's own way out.
 */
class CloseMidRunTest {
    /** About 2,300 tokens on tinysink-llama: an inference of seconds here, 1.2 GiB of attention. */
    private static final String LONG_PROMPT = "The river starts as a few drops of rain on a high mountain and runs to the sea. ".repeat(130);

    @Test
    void closingTheWindowMidRunExitsCleanly(@TempDir Path workDir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-Djava.util.prefs.userRoot=" + workDir.resolve("prefs"),
                "-Dprism.order=sw", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-XX:ErrorFile=" + workDir.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), CloseMidRunMain.class.getName(),
                "demo:tinysink-llama", LONG_PROMPT, "1500"));
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out.txt").toFile())
                .redirectError(workDir.resolve("err.txt").toFile()).start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        long exitedAt = System.nanoTime();
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(workDir.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(workDir.resolve("err.txt"), StandardCharsets.UTF_8);
        String seen = "stdout:\n" + out + "\nstderr:\n" + err;

        assertThat(exited).as("the process ended by itself\n" + seen).isTrue();
        assertThat(p.exitValue()).as(seen).isZero();
        assertThat(out).as("the window was closed while the run was in flight").contains("run in flight: true");
        assertThat(crashFiles(workDir)).as("JVM crash files").isEmpty();
        assertThat(err).as("standard error").doesNotContain("Exception", "\tat ", "SIGSEGV", "fatal error");
        long closeRequested = Long.parseLong(out.lines().filter(l -> l.startsWith("close-requested-at-nanos "))
                .findFirst().orElseThrow().substring("close-requested-at-nanos ".length()));
        System.out.printf("close mid-run: process exited %d ms after the window was closed%n",
                TimeUnit.NANOSECONDS.toMillis(exitedAt - closeRequested));
    }

    private static List<Path> crashFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
        }
    }
}
