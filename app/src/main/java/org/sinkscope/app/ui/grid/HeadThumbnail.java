package org.sinkscope.app.ui.grid;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import org.sinkscope.app.ui.heatmap.FxImages;
import org.sinkscope.app.ui.task.LazyTooltip;
import org.sinkscope.app.ui.heatmap.HeatmapRaster;
import org.sinkscope.runtime.attention.AttentionSet;

/**
 * One head as a small heatmap with its name and sink score beneath. The frame grows thicker and
 * more orange with the sink score, so the sinking heads stand out across the whole grid.
 */
final class HeadThumbnail extends VBox {
    private static final Color SINK = Color.web("#e8590c");

    private final HeadCell cell;
    private final AttentionSet attention;
    private final ImageView image = new ImageView();
    private final StackPane frame = new StackPane(image);
    /** A Text, not a Label: 64 Label controls per grid cost the FX thread tens of ms of CSS and skins. */
    private final Text label = new Text();
    private volatile int side;

    HeadThumbnail(HeadCell cell, AttentionSet attention) {
        this.cell = cell;
        this.attention = attention;
        createView();
    }

    private void createView() {
        getStyleClass().add("head-thumbnail");
        setId("thumbnail-L" + cell.layer() + "-H" + cell.head());
        setAlignment(Pos.TOP_CENTER);
        setSpacing(2);
        setFocusTraversable(true);

        double s = Math.max(0, Math.min(1, cell.sinkScore()));
        double width = 1 + 4 * s;
        frame.setBorder(new Border(new BorderStroke(Color.gray(0.7).interpolate(SINK, s), BorderStrokeStyle.SOLID,
                null, new BorderWidths(width))));
        // a white gap keeps the orange frame off the yellow sink column it is there to announce
        frame.setPadding(new Insets(2));
        frame.setBackground(new Background(new BackgroundFill(Color.WHITE, null, null))); // no inline CSS to parse 64 times
        frame.setMaxWidth(USE_PREF_SIZE);
        VBox.setMargin(frame, new Insets(5 - width)); // same outer size whatever the frame width: rows stay aligned

        label.getStyleClass().add("thumbnail-label");
        if (s > 0.5) {
            label.getStyleClass().add("sinking");
        }
        getChildren().addAll(frame, label);
        LazyTooltip.install(this, () -> String.format(Locale.ROOT,
                "Layer %d, head %d: sink score %.4f. Click or press Enter to open.", cell.layer(), cell.head(),
                cell.sinkScore()));
    }

    /**
     * One background thread draws every thumbnail's raster: T x T cells per head must never be
     * pooled on the FX thread (64 heads at 600 tokens hold it for about half a second).
     */
    private static final java.util.concurrent.ExecutorService RASTERS = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "thumbnail-rasters");
                t.setDaemon(true);
                return t;
            });

    /**
     * Redraws the heatmap at {@code side} x {@code side} pixels, one image pixel per screen pixel;
     * until the new raster is ready the old image is shown stretched. A compact label keeps only
     * the score, for grids too wide for full names: the row and column headers name the head there.
     */
    void setSide(int side, boolean compactLabel) {
        label.setText(compactLabel ? String.format(Locale.ROOT, "%.2f", cell.sinkScore()) : cell.label());
        if (side == this.side) {
            return;
        }
        this.side = side;
        image.setFitWidth(side);
        image.setFitHeight(side);
        RASTERS.execute(() -> {
            if (side != this.side) {
                return; // resized again before this raster was started
            }
            HeatmapRaster raster = HeatmapRaster.of(attention.head(cell.layer(), cell.head()), attention.causal(), side);
            javafx.application.Platform.runLater(() -> {
                if (side == this.side) {
                    image.setImage(FxImages.toImage(raster));
                }
            });
        });
    }

    /** Width of this thumbnail's full label, in pixels. */
    double fullLabelWidth() {
        Text t = new Text(cell.label());
        t.setFont(label.getFont());
        return t.getLayoutBounds().getWidth() + 4;
    }

    HeadCell cell() {
        return cell;
    }
}
