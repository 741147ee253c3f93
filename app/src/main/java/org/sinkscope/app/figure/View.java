package org.sinkscope.app.figure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A figure view: grid | head:L.H | sinks | mixing | layer:L. */
public record View(Kind kind, int layer, int head) {
    public enum Kind { GRID, HEAD, SINKS, MIXING, LAYER }

    private static final Pattern HEAD = Pattern.compile("head:(\\d{1,6})\\.(\\d{1,6})");
    private static final Pattern LAYER = Pattern.compile("layer:(\\d{1,6})");
    public static final String SYNTAX = "grid, head:L.H, sinks, mixing or layer:L";

    /** Parses the syntax; ranges are checked by {@link #check(int, int)}. */
    public static View parse(String text) {
        String s = text == null ? "" : text.strip();
        switch (s) {
            case "grid":
                return new View(Kind.GRID, -1, -1);
            case "sinks":
                return new View(Kind.SINKS, -1, -1);
            case "mixing":
                return new View(Kind.MIXING, -1, -1);
            default:
                break;
        }
        Matcher m = HEAD.matcher(s);
        if (m.matches()) {
            return new View(Kind.HEAD, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        m = LAYER.matcher(s);
        if (m.matches()) {
            return new View(Kind.LAYER, Integer.parseInt(m.group(1)), -1);
        }
        throw new IllegalArgumentException("unknown view '" + text + "': use " + SYNTAX);
    }

    /** Checks layer and head numbers against a model with {@code layers} x {@code heads}. */
    public void check(int layers, int heads) {
        if ((kind == Kind.HEAD || kind == Kind.LAYER) && layer >= layers) {
            throw new IllegalArgumentException("view " + this + ": layer " + layer + " does not exist; the model has layers 0.."
                    + (layers - 1));
        }
        if (kind == Kind.HEAD && head >= heads) {
            throw new IllegalArgumentException("view " + this + ": head " + head + " does not exist; the model has heads 0.."
                    + (heads - 1));
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case GRID -> "grid";
            case SINKS -> "sinks";
            case MIXING -> "mixing";
            case HEAD -> "head:" + layer + "." + head;
            case LAYER -> "layer:" + layer;
        };
    }
}
