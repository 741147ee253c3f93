package org.sinkscope.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.sinkscope.runtime.ModelException;
import picocli.CommandLine;

/** Builds and runs the command line; returns the exit status (0 done, 2 usage, 3 unusable model or input). */
public final class SinkScopeCli {
    public static final int USAGE = 2;
    public static final int UNUSABLE = 3;

    private SinkScopeCli() {
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        CommandLine cli = new CommandLine(new SinkScopeCommand());
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setParameterExceptionHandler((ex, a) -> {
            String help = ex.getCommandLine().getCommandName();
            errWriter.println("sinkscope: " + ex.getMessage().lines().findFirst().orElse("bad arguments")
                    + " (see: sinkscope " + ("sinkscope".equals(help) ? "" : help + " ") + "--help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            boolean verbose = false;
            for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                verbose |= p.hasMatchedOption("--verbose"); // the option belongs to each subcommand
            }
            if (ex instanceof ModelException || ex instanceof CliException) {
                errWriter.println("sinkscope: " + ex.getMessage());
                if (verbose) {
                    ex.printStackTrace(errWriter);
                }
                return ex instanceof CliException ce ? ce.status() : UNUSABLE;
            }
            errWriter.println("sinkscope: unexpected failure (" + ex + "): please report it with the output of --verbose");
            if (verbose) {
                ex.printStackTrace(errWriter);
            }
            return 1;
        });
        int status;
        try {
            status = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes errors through; memory the estimate could not foresee must still end in one line
            errWriter.println("sinkscope: out of memory: use a shorter prompt or a smaller model, or give Java more"
                    + " with SINKSCOPE_JAVA_OPTS=-Xmx...");
            status = UNUSABLE;
        }
        outWriter.flush();
        errWriter.flush();
        return status;
    }

    /** The sink threshold of every command: a usage error outside [0, 1]. */
    static void requireEpsilon(double epsilon) throws CliException {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new CliException(USAGE, "--epsilon must lie in [0, 1], got " + epsilon);
        }
    }

    /** A failure of the command line itself, with the status to exit with. */
    public static final class CliException extends Exception {
        private final int status;

        public CliException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
