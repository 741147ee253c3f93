package org.sinkscope.app.ui.export;

import java.nio.file.Path;

/** Data to write: what, and where. Layer and head are those of the head open in the window. */
public record DataRequest(Kind kind, Path file, int layer, int head) {
    public enum Kind {
        ATTENTION_ALL("Attention, all layers [L, H, T, T] (.npy)", ".npy"),
        ATTENTION_LAYER("Attention, current layer [H, T, T] (.npy)", ".npy"),
        ATTENTION_HEAD("Attention, current head [T, T] (.npy)", ".npy"),
        METRICS_CSV("Metrics per head and layer (.csv)", ".csv"),
        REPORT_JSON("JSON report, as analyze --json (.json)", ".json");

        private final String label;
        private final String extension;

        Kind(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        public String label() {
            return label;
        }

        public String extension() {
            return extension;
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
