package org.sinkscope.app.ui.settings;

/** A small string key-value store for settings that outlive the window. */
public interface SettingsStore {
    String WINDOW_WIDTH = "window.width";
    String WINDOW_HEIGHT = "window.height";
    String LAST_MODEL = "model.last";
    /** Models used lately, most recent first, one per line. */
    String RECENT_MODELS = "model.recent";
    String EPSILON = "sinks.epsilon";
    String COLORMAP = "head.colormap";
    String LOG_SCALE = "head.logScale";

    /** The stored value, or {@code fallback} when there is none. */
    String get(String key, String fallback);

    void put(String key, String value);

    default double getDouble(String key, double fallback) {
        try {
            return Double.parseDouble(get(key, Double.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
