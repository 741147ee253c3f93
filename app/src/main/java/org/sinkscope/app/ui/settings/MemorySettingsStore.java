package org.sinkscope.app.ui.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Settings kept for this process only: tests, and windows that should not remember anything. */
public final class MemorySettingsStore implements SettingsStore {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }
}
