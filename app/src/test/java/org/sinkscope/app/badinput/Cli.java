package org.sinkscope.app.badinput;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sinkscope.app.cli.SinkScopeCli;

/** One in-process run of the command line. */
record Cli(List<String> args, int status, String out, String err) {
    static Cli run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SinkScopeCli.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(args, status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exactly one line on standard error, starting "sinkscope: ", with no trace of a stack. */
    boolean oneCleanErrorLine() {
        return err.endsWith("\n") && err.strip().lines().count() == 1 && err.startsWith("sinkscope: ")
                && !err.contains("Exception") && !err.contains("\tat ");
    }

    @Override
    public String toString() {
        String shown = String.join(" ", args);
        return (shown.length() > 300 ? shown.substring(0, 300) + "..." : shown) + " -> " + status + " " + err.strip();
    }
}
