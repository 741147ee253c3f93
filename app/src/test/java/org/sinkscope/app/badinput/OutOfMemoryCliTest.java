package org.sinkscope.app.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinkscope.app.Main;

/**
 * A Java heap too small for the run: the command line ends with its one-line message and status
 * 3, not a stack trace. A separate JVM, because the heap limit is the JVM's own.
 */
class OutOfMemoryCliTest {
    @Test
    void aHeapTooSmallEndsInOneLineAndStatusThree(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-Xss16m", "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "analyze", "demo:tinysink-llama", "--prompt", "The river runs to the sea. ".repeat(35),
                "--json", report.toString());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the process ended").isTrue();
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(err).isEqualTo(3);
        assertThat(err.lines().toList()).containsExactly("sinkscope: out of memory: use a shorter prompt or a smaller"
                + " model, or give Java more with SINKSCOPE_JAVA_OPTS=-Xmx...");
        assertThat(report).as("no partial report").doesNotExist();
    }
}
