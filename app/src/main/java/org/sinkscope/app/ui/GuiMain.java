package org.sinkscope.app.ui;

/**
 * Runs the window straight from a class path: {@code java -cp ... org.sinkscope.app.ui.GuiMain
 * [MODEL] [--prompt TEXT]}. The command line proper ({@code sinkscope gui}) calls
 * {@link SinkScopeApp#open(String, String)} itself.
 */
public final class GuiMain {
    private GuiMain() {
    }

    public static void main(String[] args) {
        String model = null;
        String prompt = null;
        for (int i = 0; i < args.length; i++) {
            if ("--prompt".equals(args[i]) && i + 1 < args.length) {
                prompt = args[++i];
            } else if (args[i].startsWith("--prompt=")) {
                prompt = args[i].substring("--prompt=".length());
            } else if (model == null) {
                model = args[i];
            } else {
                System.err.println("usage: GuiMain [MODEL] [--prompt TEXT]");
                System.exit(2);
            }
        }
        SinkScopeApp.open(model, prompt);
    }
}
