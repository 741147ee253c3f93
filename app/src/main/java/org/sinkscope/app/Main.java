package org.sinkscope.app;

import org.sinkscope.app.cli.SinkScopeCli;

/**
 * Entry point of the {@code sinkscope} launcher. The work runs on a thread with a large
 * stack: ONNX Runtime's native frames overflow the main thread's default stack on long
 * prompts (seen near 1,000 tokens as a crash without an error file).
 */
public final class Main {
    private static final long STACK_BYTES = 512L << 20;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int[] status = {1};
        Thread worker = new Thread(null, () -> status[0] = SinkScopeCli.execute(args, System.out, System.err),
                "sinkscope-main", STACK_BYTES);
        worker.start();
        worker.join();
        System.exit(status[0]);
    }
}
