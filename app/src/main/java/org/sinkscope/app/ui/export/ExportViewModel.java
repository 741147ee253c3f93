package org.sinkscope.app.ui.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.sinkscope.app.figure.Figure;
import org.sinkscope.app.figure.FigureInput;
import org.sinkscope.app.figure.FigureRenderer;
import org.sinkscope.app.figure.FigureWriter;
import org.sinkscope.app.figure.View;
import org.sinkscope.app.ui.head.HeadViewModel;
import org.sinkscope.app.ui.run.RunRequest;
import org.sinkscope.app.ui.run.RunResult;
import org.sinkscope.app.ui.sinks.SinksViewModel;
import org.sinkscope.app.ui.task.BackgroundExecutor;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.io.AnalysisReport;
import org.sinkscope.runtime.io.AtomicFiles;
import org.sinkscope.runtime.io.NpyWriter;
import org.sinkscope.runtime.io.SavedAnalysis;
import org.sinkscope.runtime.metrics.Analysis;

/**
 * Open and save analyses, export figures and data, copy a figure: the File and Edit menus'
 * work. Everything that reads, renders or writes runs through the executor (off the FX thread
 * in the window); outcomes go to the {@link Host} (the window's status line and error bar).
 * Figures are made exactly as {@code sinkscope figure} makes them: {@link FigureInput#of} from
 * the run's JSON report, then {@link FigureWriter#write(FigureInput, View, FigureWriter.Format,
 * Path, int, double, boolean)}. Files are written atomically.
 */
public final class ExportViewModel {
    /** Clipboard figures: a column's width at screen resolution. */
    public static final double CLIPBOARD_WIDTH_MM = 180;
    public static final int CLIPBOARD_DPI = 150;

    /** Which part of the window is in front, for the current view. */
    public enum Pane { GRID, HEAD, MIXING, OTHER }

    /** Where outcomes go: implemented by the window's view model. */
    public interface Host {
        /** Shows an analysis reopened from a file, as if it had just been run. */
        void showOpened(RunResult result, String status);

        void showStatus(String status);

        void showError(String oneLine, Throwable cause);
    }

    private final BackgroundExecutor executor;
    private final ReadOnlyObjectProperty<RunResult> result;
    private final HeadViewModel head;
    private final SinksViewModel sinks;
    private final Host host;
    private final ObjectProperty<Pane> pane = new SimpleObjectProperty<>(Pane.GRID);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Path> lastWritten = new ReadOnlyObjectWrapper<>();

    public ExportViewModel(BackgroundExecutor executor, ReadOnlyObjectProperty<RunResult> result, HeadViewModel head,
            SinksViewModel sinks, Host host) {
        this.executor = Objects.requireNonNull(executor);
        this.result = Objects.requireNonNull(result);
        this.head = Objects.requireNonNull(head);
        this.sinks = Objects.requireNonNull(sinks);
        this.host = Objects.requireNonNull(host);
    }

    /** The view the window shows now: the open head on the Head tab, the mixing charts, else the grid. */
    public View currentView() {
        HeadViewModel.Shown shown = head.shownProperty().get();
        return switch (pane.get() == null ? Pane.OTHER : pane.get()) {
            case HEAD -> shown == null ? View.parse("grid") : new View(View.Kind.HEAD, shown.layer(), shown.head());
            case MIXING -> View.parse("mixing");
            default -> View.parse("grid");
        };
    }

    /** The views one can export now: grid, the open head, sinks, mixing, the open head's layer. */
    public List<View> views() {
        List<View> v = new ArrayList<>();
        v.add(View.parse("grid"));
        HeadViewModel.Shown shown = head.shownProperty().get();
        if (shown != null) {
            v.add(new View(View.Kind.HEAD, shown.layer(), shown.head()));
        }
        v.add(View.parse("sinks"));
        v.add(View.parse("mixing"));
        v.add(new View(View.Kind.LAYER, shown == null ? 0 : shown.layer(), -1));
        return v;
    }

    /** The figure dialog's starting point: the current view at 300 dpi, 180 mm, as a PNG. */
    public FigureRequest figureDefaults() {
        View v = currentView();
        return new FigureRequest(v, Path.of(baseName() + "-" + v.toString().replace(':', '-') + ".png"),
                FigureRequest.DEFAULT_DPI, FigureRequest.DEFAULT_WIDTH_MM);
    }

    public DataRequest dataDefaults() {
        HeadViewModel.Shown shown = head.shownProperty().get();
        return new DataRequest(DataRequest.Kind.METRICS_CSV, Path.of(baseName() + "-metrics.csv"),
                shown == null ? 0 : shown.layer(), shown == null ? 0 : shown.head());
    }

    public String suggestedAnalysisName() {
        return baseName() + SavedAnalysis.EXTENSION;
    }

    private String baseName() {
        RunResult r = result.get();
        if (r == null) {
            return "sinkscope";
        }
        String name = r.modelName().replaceFirst("^demo:", "");
        int slash = name.lastIndexOf('/');
        name = slash >= 0 ? name.substring(slash + 1) : name;
        name = name.replaceFirst("\\.onnx$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "sinkscope" : name;
    }

    /** The analysis as the window shows it now: the run's, read at the epsilon in the sinks panel. */
    public Analysis shownAnalysis(RunResult r) {
        return r.analysis().withEpsilon(sinks.getEpsilon());
    }

    /** What figures are drawn from: built as {@code sinkscope figure} builds it, from the run's report. */
    public FigureInput figureInput(RunResult r) {
        return FigureInput.of(shownAnalysis(r), r.report(), r.request().prompt());
    }

    // ---- actions ----

    /** Opens an analysis saved by {@code analyze --save} or Save analysis, without its model. */
    public void openAnalysis(Path file) {
        start("Opening " + file.getFileName() + "\u2026", () -> toResult(readSaved(file)), r -> {
            host.showOpened(r, "Opened " + file.getFileName() + ": " + r.modelName() + " \u00b7 " + r.tokens()
                    + " tokens \u00b7 " + r.layers() + " layers \u00d7 " + r.heads() + " heads \u00b7 saved analysis,"
                    + " no model loaded");
        });
    }

    /** Saves the shown analysis as one .npz, exactly as {@code analyze --save} writes it. */
    public void saveAnalysis(Path file) {
        RunResult r = requireResult();
        if (r == null) {
            return;
        }
        Analysis a = shownAnalysis(r);
        byte[] report = AnalysisReport.toBytes(AnalysisReport.withAnalysis(r.report(), a));
        write("Saving", file, () -> SavedAnalysis.write(file, a, r.prompt(), report));
    }

    /** Writes a figure file; the format comes from the file's extension. */
    public void exportFigure(FigureRequest req) {
        RunResult r = requireResult();
        if (r == null) {
            return;
        }
        FigureWriter.Format format = FigureWriter.Format.ofFile(req.file()).orElse(null);
        if (format == null) {
            host.showError("cannot tell the format of " + req.file().getFileName()
                    + ": end the name in .png, .svg or .pdf", new IllegalArgumentException(req.toString()));
            return;
        }
        FigureInput input = figureInput(r);
        boolean log = head.logScaleProperty().get();
        write("Exporting " + req.view(), req.file(), () -> {
            req.view().check(r.layers(), r.heads());
            FigureWriter.write(input, req.view(), format, req.file(), req.dpi(), req.widthMm(), log);
        });
    }

    /** Writes attention (.npy), the metrics table (.csv) or the JSON report. */
    public void exportData(DataRequest req) {
        RunResult r = requireResult();
        if (r == null) {
            return;
        }
        Analysis a = shownAnalysis(r);
        write("Exporting " + req.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), req.file(), () -> {
            switch (req.kind()) {
                case ATTENTION_ALL -> NpyWriter.writeAttention(req.file(), a.attention());
                case ATTENTION_LAYER -> NpyWriter.writeLayer(req.file(), a.attention(), req.layer());
                case ATTENTION_HEAD -> NpyWriter.writeHead(req.file(), a.attention(), req.layer(), req.head());
                case METRICS_CSV -> {
                    byte[] csv = MetricsCsv.of(a).getBytes(StandardCharsets.UTF_8);
                    AtomicFiles.write(req.file(), out -> out.write(csv));
                }
                case REPORT_JSON -> {
                    byte[] json = AnalysisReport.toBytes(AnalysisReport.withAnalysis(r.report(), a));
                    AtomicFiles.write(req.file(), out -> out.write(json));
                }
                default -> throw new IllegalArgumentException(req.kind().toString());
            }
        });
    }

    /** Renders the current view as {@code sinkscope figure} would and hands the image to the clipboard. */
    public void copyFigure(ImageClipboard clipboard) {
        RunResult r = requireResult();
        if (r == null) {
            return;
        }
        View v = currentView();
        FigureInput input = figureInput(r);
        boolean log = head.logScaleProperty().get();
        start("Copying " + v + "\u2026", () -> {
            Figure fig = FigureRenderer.layout(input, v, FigureRenderer.Options.of(CLIPBOARD_WIDTH_MM, log,
                    CLIPBOARD_DPI));
            return FigureWriter.render(fig, CLIPBOARD_WIDTH_MM, CLIPBOARD_DPI);
        }, (BufferedImage img) -> {
            clipboard.putImage(img);
            host.showStatus("Copied " + v + " to the clipboard (" + img.getWidth() + " \u00d7 " + img.getHeight()
                    + " px).");
        });
    }

    // ---- helpers ----

    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    private void write(String what, Path file, Write work) {
        start(what + " to " + file.getFileName() + "\u2026", () -> {
            try {
                work.run();
            } catch (IOException e) {
                throw new ModelException("cannot write " + file + " (" + e.getMessage() + "): check the folder is"
                        + " writable and has free space");
            }
            return file;
        }, p -> {
            lastWritten.set(p);
            host.showStatus("Wrote " + p);
        });
    }

    private <T> void start(String status, org.sinkscope.app.ui.task.BackgroundWork<T> work, Consumer<T> done) {
        busy.set(true);
        host.showStatus(status);
        executor.execute(work, v -> {
            busy.set(false);
            done.accept(v);
        }, e -> {
            busy.set(false);
            host.showError(oneLine(e), e);
        });
    }

    private RunResult requireResult() {
        RunResult r = result.get();
        if (r == null) {
            host.showError("nothing to export yet: run a prompt or open an analysis first",
                    new IllegalStateException("no result"));
        }
        return r;
    }

    private static String oneLine(Throwable e) {
        String m = e instanceof ModelException || e instanceof IllegalArgumentException ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return m == null ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse("");
    }

    private static SavedAnalysis readSaved(Path file) throws ModelException {
        try {
            return SavedAnalysis.read(file);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot open " + file.getFileName() + " (" + e.getMessage() + "): open a file"
                    + " written by Save analysis or `sinkscope analyze --save`");
        }
    }

    /** A saved analysis as a run's result: the request names the saved model and prompt, so Run reruns them. */
    static RunResult toResult(SavedAnalysis saved) throws ModelException {
        if (!(saved.report() instanceof ObjectNode report)) {
            throw new ModelException("the saved report is not a JSON object: open a file written by SinkScope");
        }
        String path = report.at("/model/path").asText("?");
        String prompt = report.path("prompt").asText("");
        List<String> notes = new ArrayList<>();
        for (JsonNode n : report.path("notes")) {
            notes.add(n.asText());
        }
        RunRequest request = new RunRequest(path, prompt, report.path("bos").asBoolean(false));
        return new RunResult(request, FigureInput.modelName(path), saved.tokens(), saved.analysis(),
                report.at("/model/attentionSource").asText(""), List.copyOf(notes), 0, report);
    }

    // ---- properties ----

    /** Set by the window as tabs change. */
    public ObjectProperty<Pane> paneProperty() {
        return pane;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    /** The last file written, for tests and the status line. */
    public ReadOnlyObjectProperty<Path> lastWrittenProperty() {
        return lastWritten.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result;
    }
}
