package org.sinkscope.app.ui.settings;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Settings in the user's java.util.prefs tree, node {@code /org/sinkscope/app}. Failing to read or
 * write preferences (a read-only home, say) must never stop the window: reads fall back, writes
 * are dropped.
 */
public final class PrefsSettingsStore implements SettingsStore {
    private final Preferences node;

    public PrefsSettingsStore() {
        this(Preferences.userRoot().node("org/sinkscope/app"));
    }

    PrefsSettingsStore(Preferences node) {
        this.node = node;
    }

    @Override
    public String get(String key, String fallback) {
        try {
            return node.get(key, fallback);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    @Override
    public void put(String key, String value) {
        try {
            node.put(key, value);
        } catch (RuntimeException e) {
            // not remembered this time; nothing the user can act on
        }
    }

    /** Writes pending changes out; called when the window closes. */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | RuntimeException e) {
            // as above
        }
    }
}
