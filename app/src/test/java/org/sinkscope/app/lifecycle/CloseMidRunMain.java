package org.sinkscope.app.lifecycle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.sinkscope.app.Main;

/**
 * The real launcher ({@code sinkscope gui MODEL --prompt TEXT}) in its own JVM, with a user who
 * closes the window while the long run is inside the model. Prints what it saw; the JVM's exit
 * status is the launcher's own. Run by {@link CloseMidRunTest}.
 */
public final class CloseMidRunMain {
    private CloseMidRunMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String model = args[0];
        String prompt = args[1];
        long afterRunStartsMillis = Long.parseLong(args[2]);
        Thread user = new Thread(() -> {
            try {
                waitUntilRunning();
                Thread.sleep(afterRunStartsMillis);
                boolean running = onFx(() -> cancelButton().map(b -> !b.isDisabled()).orElse(false));
                System.out.println("closing the window; run in flight: " + running);
                System.out.println("close-requested-at-nanos " + System.nanoTime());
                Platform.runLater(() -> {
                    Window w = Window.getWindows().get(0);
                    w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
                    w.hide();
                });
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(99);
            }
        }, "closing-user");
        user.setDaemon(true);
        user.start();
        Main.main(new String[] {"gui", model, "--prompt", prompt});
    }

    private static void waitUntilRunning() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (onFx(() -> cancelButton().map(b -> !b.isDisabled()).orElse(false))) {
                    return;
                }
            } catch (IllegalStateException toolkitNotStartedYet) {
                // the window is not up yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the run never started");
    }

    private static java.util.Optional<Node> cancelButton() {
        return Window.getWindows().stream().findFirst()
                .map(w -> w.getScene() == null ? null : w.getScene().lookup("#cancel-button"));
    }

    private static <T> T onFx(java.util.function.Supplier<T> query) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> f.complete(query.get()));
        return f.get(10, TimeUnit.SECONDS);
    }
}
