/**
 * What the window remembers between runs (window size, last model, epsilon, colour map, log
 * scale). {@link org.sinkscope.app.ui.settings.SettingsStore} is the seam:
 * {@link org.sinkscope.app.ui.settings.PrefsSettingsStore} keeps them with java.util.prefs,
 * tests use {@link org.sinkscope.app.ui.settings.MemorySettingsStore} and never touch the real
 * preferences.
 */
package org.sinkscope.app.ui.settings;
