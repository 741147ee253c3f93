package org.sinkscope.app.figure;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fonts for figures: "DejaVu Sans", and per string the first installed font that can display
 * all of it (CJK, Cyrillic, Greek token labels). Text is measured with one fixed
 * {@link FontRenderContext}, so layouts are the same whatever Graphics2D draws them.
 */
public final class FigureFonts {
    public static final String PRIMARY = "DejaVu Sans";
    public static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), true, true);
    /** Fallback families tried in this order, where installed. */
    private static final List<String> PREFERRED = List.of("DejaVu Sans", "Noto Sans", "Noto Sans CJK SC",
            "Noto Sans CJK JP", "Droid Sans Fallback", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Noto Sans Mono",
            "FreeSans", "Arial Unicode MS", "SansSerif");
    /** Font files the PDF writer embeds, by Java family name. */
    private static final Map<String, List<String>> FILES = Map.of(
            "DejaVu Sans", List.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            "Droid Sans Fallback", List.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            "Noto Sans Mono", List.of("/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf"),
            "Noto Sans", List.of("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"));
    private static final List<Font> CANDIDATES = candidates();
    private static final Map<String, Font> CHOSEN = new LinkedHashMap<>();

    private FigureFonts() {
    }

    private static List<Font> candidates() {
        Set<String> installed = new HashSet<>(Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
        List<Font> fonts = new ArrayList<>();
        for (String family : PREFERRED) {
            if (installed.contains(family) || family.equals("SansSerif")) {
                fonts.add(new Font(family, Font.PLAIN, 10));
            }
        }
        return fonts;
    }

    /** The font to draw {@code text} in at {@code size} points. */
    public static synchronized Font forText(String text, float size) {
        Font base = CHOSEN.computeIfAbsent(text, FigureFonts::choose);
        return base.deriveFont(size);
    }

    private static Font choose(String text) {
        for (Font f : CANDIDATES) {
            if (f.canDisplayUpTo(text) == -1) {
                return f;
            }
        }
        return CANDIDATES.isEmpty() ? new Font(Font.SANS_SERIF, Font.PLAIN, 10) : CANDIDATES.get(0);
    }

    public static Rectangle2D bounds(String text, float size) {
        return forText(text, size).getStringBounds(text, FRC);
    }

    public static double width(String text, float size) {
        return bounds(text, size).getWidth();
    }

    /** A TrueType file for a Java font family, when one is known and present. */
    public static Optional<Path> fileFor(String family) {
        for (String p : FILES.getOrDefault(family, List.of())) {
            Path path = Path.of(p);
            if (Files.isReadable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Families whose TrueType files the PDF writer can embed. */
    public static List<String> embeddableFamilies() {
        return FILES.keySet().stream().sorted().filter(f -> fileFor(f).isPresent()).toList();
    }
}
