package org.sinkscope.app.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.metrics.Analysis;

/**
 * Lays out and draws each view on a Graphics2D in points. No JavaFX: works headless, and the
 * same code draws PNG, SVG and PDF.
 */
public final class FigureRenderer {
    /** Heatmap cells drawn as vector rectangles up to this many in a figure; beyond, an embedded image. */
    public static final int MAX_VECTOR_CELLS = 40_000;

    static final float FS = 7f;
    static final float SMALL = 6f;
    static final float CAP = 6f;
    static final double M = 6;
    static final double GAP = 4;
    static final double CB_W = 38;
    static final int LABEL_CHARS = 14;
    static final Color INK = new Color(0x222222);
    static final Color FRAME = new Color(0x888888);
    static final Color GRIDLINE = new Color(0xDDDDDD);
    static final Color SHARE = new Color(0x3B528B);
    static final Color ENTROPY = new Color(0xD55E00);

    /**
     * @param widthPt   figure width in points
     * @param rasterDpi resolution of embedded heatmap images when cells are too many for vectors
     */
    public record Options(double widthPt, ColorScale scale, double rasterDpi, int maxVectorCells) {
        public static Options of(double widthMm, boolean log, double rasterDpi) {
            return new Options(widthMm / 25.4 * 72, log ? ColorScale.log() : ColorScale.linear(), rasterDpi,
                    MAX_VECTOR_CELLS);
        }
    }

    private final FigureInput in;
    private final View view;
    private final Options o;
    private final AttentionSet a;
    private final Analysis an;

    private FigureRenderer(FigureInput in, View view, Options o) {
        this.in = in;
        this.view = view;
        this.o = o;
        this.an = in.analysis();
        this.a = an.attention();
    }

    public static Figure layout(FigureInput in, View view, Options o) {
        view.check(in.analysis().attention().layers(), in.analysis().attention().heads());
        FigureRenderer r = new FigureRenderer(in, view, o);
        return switch (view.kind()) {
            case GRID -> r.panels(allHeads(r.a), r.a.heads(), true);
            case LAYER -> r.panels(layerHeads(r.a, view.layer()), Math.min(r.a.heads(), 8), false);
            case HEAD -> r.head();
            case SINKS -> r.sinks();
            case MIXING -> r.mixing();
        };
    }

    private static List<int[]> allHeads(AttentionSet a) {
        List<int[]> lh = new ArrayList<>();
        for (int l = 0; l < a.layers(); l++) {
            for (int h = 0; h < a.heads(); h++) {
                lh.add(new int[] {l, h});
            }
        }
        return lh;
    }

    private static List<int[]> layerHeads(AttentionSet a, int layer) {
        List<int[]> lh = new ArrayList<>();
        for (int h = 0; h < a.heads(); h++) {
            lh.add(new int[] {layer, h});
        }
        return lh;
    }

    // ---------------------------------------------------------------- views

    /** Grid (layer rows, head columns) or one layer's heads: small heatmaps, each with its sink score. */
    private Figure panels(List<int[]> heads, int cols, boolean grid) {
        int rows = (heads.size() + cols - 1) / cols;
        double w = o.widthPt();
        String lastRow = "L" + (a.layers() - 1);
        double left = M + (grid ? FigureFonts.width(lastRow, FS) + 3 : 0);
        double side = (w - left - M - CB_W - GAP * (cols - 1) - GAP) / cols;
        // sink score above each panel: "s = 0.42", or "0.42" where that does not fit, or none (caption says so)
        float scoreFs = (float) Math.max(4, Math.min(SMALL, side / (grid ? 5 : 9)));
        String scorePrefix = FigureFonts.width((grid ? "" : "H00  ") + "s = 0.00", scoreFs) <= side * 0.95 ? "s = " : "";
        boolean scores = FigureFonts.width((grid ? "" : "H00 ") + "0.00", scoreFs) <= side * 0.95;
        double scoreH = scores ? scoreFs + 2.5 : 0;
        // column headers: "head 3", "H3", or every k-th "H3" where even that does not fit
        boolean longHeads = FigureFonts.width("head " + (a.heads() - 1), FS) <= side;
        double headW = FigureFonts.width("H" + (a.heads() - 1), FS);
        int headStep = Math.max(1, (int) Math.ceil((headW + 2) / (side + GAP)));
        double headerH = grid ? FS + 4 : FS + 6;
        double rowH = scoreH + side + GAP;
        double top = M + headerH;
        double plotH = rows * rowH - GAP;
        boolean raster = (long) heads.size() * cellsPerHead() > o.maxVectorCells();
        int px = rasterPixels(side);
        String what = grid ? "all " + a.layers() + " x " + a.heads() + " heads (rows: layers L, columns: heads H)"
                : "layer " + view.layer() + ", all " + a.heads() + " heads";
        String caption = caption(what + "; each panel: attention A[i][j], query i down, key j across; "
                        + (scores ? "above each panel: sink score s" : "sink scores too small to print here: see the sinks view"),
                cellsNote(raster, px));
        List<String> capLines = wrap(caption, CAP, w - 2 * M);
        double capTop = top + plotH + GAP + 2;
        double height = capTop + capLines.size() * CAP * 1.3 + M;
        return new Figure(w, height, caption, raster, metadata(caption, raster), g -> {
            begin(g, w, height);
            if (grid) {
                for (int h = 0; h < cols; h++) {
                    double x = left + h * (side + GAP);
                    if (h % headStep == 0) {
                        text(g, longHeads ? "head " + h : "H" + h, x + side / 2, M + FS, FS, 0.5, INK);
                    }
                }
            } else {
                text(g, "layer " + view.layer(), M, M + FS + 1, FS + 1, 0, INK);
            }
            for (int k = 0; k < heads.size(); k++) {
                int l = heads.get(k)[0];
                int h = heads.get(k)[1];
                int r = k / cols;
                int c = k % cols;
                double x = left + c * (side + GAP);
                double y = top + r * rowH + scoreH;
                if (grid && c == 0) {
                    text(g, "L" + l, left - 3, y + side / 2 + FS * 0.35, FS, 1, INK);
                }
                if (scores) {
                    String score = (grid ? "" : "H" + h + (scorePrefix.isEmpty() ? " " : "  ")) + scorePrefix
                            + fmt2(an.sinks().sinkScore(l, h));
                    text(g, score, x + side / 2, y - 2, scoreFs, 0.5, INK);
                } else if (!grid) {
                    text(g, "H" + h, x + side / 2, y - 2, scoreFs, 0.5, INK);
                }
                heatmap(g, l, h, x, y, side, raster, px);
            }
            double cbH = Math.min(plotH - scoreH, 220);
            colorbar(g, w - M - CB_W + GAP, top + scoreH, Math.max(cbH, 30), "attention probability");
            caption(g, capLines, capTop);
        });
    }

    /** One head, with token labels on both axes. */
    private Figure head() {
        int l = view.layer();
        int h = view.head();
        int t = a.tokens();
        double w = o.widthPt();
        String[] labels = new String[t];
        for (int i = 0; i < t; i++) {
            labels[i] = shorten(in.labels()[i]);
        }
        float f = FS;
        double side0 = 0;
        double labelW0 = 0;
        int step = 1;
        for (int pass = 0; pass < 2; pass++) {
            double cell = side0 > 0 ? side0 / t : 0;
            if (pass == 1) {
                f = (float) Math.max(5, Math.min(FS, cell * 0.85));
                step = Math.max(1, (int) Math.ceil(f * 1.25 / cell));
            }
            labelW0 = 0;
            for (int i = 0; i < t; i += step) {
                labelW0 = Math.max(labelW0, FigureFonts.width(labels[i], f));
            }
            side0 = w - (M + FS + 4 + labelW0 + 3) - CB_W - GAP - M;
        }
        double side = side0;
        double labelW = labelW0;
        double left = M + FS + 4 + labelW + 3;
        double cell = side / t;
        float lf = f;
        int k = step;
        double top = M + FS + 6;
        double bottom = top + side + 3 + labelW + 4 + FS + 2;
        boolean raster = cellsPerHead() > o.maxVectorCells();
        int px = rasterPixels(side);
        String title = "layer " + l + ", head " + h + "   sink score s = " + fmt2(an.sinks().sinkScore(l, h))
                + "   entropy = " + fmt2(an.entropy().entropy(l, h));
        String caption = caption("layer " + l + ", head " + h + "; attention A[i][j], query i down, key j across"
                + (k > 1 ? "; tokens labelled: every " + k + " (0, " + k + ", " + 2 * k + ", ...)" : ""), cellsNote(raster, px));
        List<String> capLines = wrap(caption, CAP, w - 2 * M);
        double capTop = bottom + GAP;
        double height = capTop + capLines.size() * CAP * 1.3 + M;
        return new Figure(w, height, caption, raster, metadata(caption, raster), g -> {
            begin(g, w, height);
            text(g, title, left, M + FS + 1, FS + 1, 0, INK);
            heatmap(g, l, h, left, top, side, raster, px);
            for (int i = 0; i < t; i += k) {
                double c = top + (i + 0.5) * cell;
                text(g, labels[i], left - 3, c + lf * 0.35, lf, 1, INK);
                double x = left + (i + 0.5) * cell;
                rotated(g, labels[i], x + lf * 0.35, top + side + 3, lf, 1);
                g.setColor(FRAME);
                g.setStroke(new BasicStroke(0.3f));
                g.draw(new Line2D.Double(left - 1.5, c, left, c));
                g.draw(new Line2D.Double(x, top + side, x, top + side + 1.5));
            }
            rotated(g, "query i", M + FS, top + side / 2, FS, 0.5);
            text(g, "key j", left + side / 2, top + side + 3 + labelW + 4 + FS, FS, 0.5, INK);
            colorbar(g, w - M - CB_W + GAP, top, Math.min(side, 220), "attention probability");
            caption(g, capLines, capTop);
        });
    }

    /** The L x H sink-score matrix with values, and per-layer sink-rate bars. */
    private Figure sinks() {
        int layers = a.layers();
        int heads = a.heads();
        double w = o.widthPt();
        double eps = an.epsilon();
        double left = M + FigureFonts.width("L" + (layers - 1), FS) + 3;
        double barsW = Math.min(150, w * 0.28);
        double avail = w - left - M - CB_W - 2 * GAP - barsW - 28;
        double cw = Math.min(avail / heads, 34);
        double ch = Math.min(Math.max(Math.min(cw * 0.6, 16), 90.0 / layers), 24);
        double top = M + FS + 6 + FS + 4;
        double matH = layers * ch;
        double matW = heads * cw;
        double cbX = left + matW + GAP;
        double barsX = cbX + CB_W + GAP + 6;
        double barsMax = w - M - barsX - 22;
        float vf = (float) Math.min(SMALL, Math.min(ch * 0.6, cw / 3.2));
        boolean values = vf >= 3.5;
        double[][] s = an.sinks().sinkScore();
        double[] rate = an.sinks().sinkRateByLayer(eps);
        String caption = caption("sink score s(l,h) = mean_i A[i][0] per layer and head"
                + (an.sinks().excludeFirstQuery() ? " (first query excluded)" : "")
                + (cw >= 9 && ch >= 7 ? "; framed: s > epsilon" : "") + "; bars: sink rate per layer = share of heads with s > epsilon; overall sink rate "
                + fmt2(an.sinks().sinkRate(eps)), "cells: vector");
        List<String> capLines = wrap(caption, CAP, w - 2 * M);
        double axisBottom = top + matH + 3 + FS + 2 + FS + 4;
        double capTop = axisBottom + GAP;
        double height = capTop + capLines.size() * CAP * 1.3 + M;
        return new Figure(w, height, caption, false, metadata(caption, false), g -> {
            begin(g, w, height);
            text(g, "sink score per head", left, M + FS + 1, FS + 1, 0, INK);
            text(g, "sink rate per layer (s > " + in.epsilonText() + ")", barsX, M + FS + 1, FS + 1, 0, INK);
            for (int h = 0; h < heads; h++) {
                String label = FigureFonts.width("H" + h, FS) <= cw ? "H" + h : (h % 5 == 0 ? "" + h : "");
                text(g, label, left + (h + 0.5) * cw, top - 3, FS, 0.5, INK);
            }
            for (int l = 0; l < layers; l++) {
                double y = top + l * ch;
                if (ch >= FS * 0.9 || l % 5 == 0) {
                    text(g, "L" + l, left - 3, y + ch / 2 + FS * 0.35, FS, 1, INK);
                }
                for (int h = 0; h < heads; h++) {
                    double v = s[l][h];
                    g.setColor(o.scale().color(v));
                    g.fill(new Rectangle2D.Double(left + h * cw, y, cw + 0.05, ch + 0.05));
                    Color c = o.scale().normalise(v) > 0.6 ? INK : Color.WHITE;
                    if (v > eps && cw >= 9 && ch >= 7) {
                        g.setColor(c);
                        g.setStroke(new BasicStroke(0.7f));
                        g.draw(new Rectangle2D.Double(left + h * cw + 1.2, y + 1.2, cw - 2.4, ch - 2.4));
                    }
                    if (values) {
                        text(g, fmt2(v), left + (h + 0.5) * cw, y + ch / 2 + vf * 0.35, vf, 0.5, c);
                    }
                }
                // bars
                g.setColor(GRIDLINE);
                g.setStroke(new BasicStroke(0.3f));
                g.draw(new Line2D.Double(barsX, y + ch / 2, barsX + barsMax, y + ch / 2));
                g.setColor(SHARE);
                double bh = Math.max(ch * 0.6, 0.5);
                g.fill(new Rectangle2D.Double(barsX, y + (ch - bh) / 2, rate[l] * barsMax, bh));
                if (ch >= SMALL * 0.9) {
                    text(g, fmt2(rate[l]), barsX + rate[l] * barsMax + 2, y + ch / 2 + SMALL * 0.35, SMALL, 0, INK);
                }
            }
            g.setColor(FRAME);
            g.setStroke(new BasicStroke(0.5f));
            g.draw(new Rectangle2D.Double(left, top, matW, matH));
            text(g, "head", left + matW / 2, top + matH + 3 + FS, FS, 0.5, INK);
            // bar axis
            g.setColor(INK);
            g.draw(new Line2D.Double(barsX, top, barsX, top + matH));
            g.draw(new Line2D.Double(barsX, top + matH, barsX + barsMax, top + matH));
            for (double v : new double[] {0, 0.5, 1}) {
                double x = barsX + v * barsMax;
                g.draw(new Line2D.Double(x, top + matH, x, top + matH + 2));
                text(g, v == 0 ? "0" : v == 1 ? "1" : "0.5", x, top + matH + 3 + SMALL, SMALL, 0.5, INK);
            }
            text(g, "sink rate", barsX + barsMax / 2, top + matH + 3 + FS + 2 + FS, FS, 0.5, INK);
            colorbar(g, cbX, top, Math.max(matH, 30), "sink score");
            caption(g, capLines, capTop);
        });
    }

    /** Per-layer rollout sink share and mixing entropy, sink-ablated dashed. */
    private Figure mixing() {
        int layers = a.layers();
        double w = o.widthPt();
        double left = M + FS + 4 + FigureFonts.width("0.75", SMALL) + 4;
        double legendW = 150;
        double plotW = w - left - legendW - M - GAP;
        double plotH = Math.min(Math.max(w * 0.32, 80), 200);
        double top = M + FS + 8;
        double[] share = an.mixing().sinkShare();
        double[] ent = an.mixing().mixingEntropy();
        double[] aShare = an.mixing().ablatedSinkShare();
        double[] aEnt = an.mixing().ablatedMixingEntropy();
        String caption = caption("attention rollout R(l) = (0.5 mean_h A + 0.5 I) R(l-1); sink share = R(l)[T-1][0];"
                + " mixing entropy = normalised entropy of row T-1 over keys 1..T-1; dashed: sink-ablated"
                + " (column 0 removed, rows renormalised); lines, no colour map", "");
        List<String> capLines = wrap(caption, CAP, w - 2 * M);
        double capTop = top + plotH + 3 + SMALL + 4 + FS + 4;
        double height = capTop + capLines.size() * CAP * 1.3 + M;
        double xmax = Math.max(1, layers - 1);
        return new Figure(w, height, caption, false, metadata(caption, false), g -> {
            begin(g, w, height);
            text(g, "mixing through the layers (attention rollout)", left, M + FS + 1, FS + 1, 0, INK);
            g.setStroke(new BasicStroke(0.3f));
            for (double v = 0; v <= 1.0001; v += 0.25) {
                double y = top + plotH * (1 - v);
                g.setColor(GRIDLINE);
                g.draw(new Line2D.Double(left, y, left + plotW, y));
                text(g, v == 0 ? "0" : v == 1 ? "1" : String.format(Locale.ROOT, "%.2f", v), left - 3,
                        y + SMALL * 0.35, SMALL, 1, INK);
            }
            int tickStep = Math.max(1, (int) Math.ceil(layers / 16.0));
            g.setColor(INK);
            g.setStroke(new BasicStroke(0.5f));
            g.draw(new Line2D.Double(left, top, left, top + plotH));
            g.draw(new Line2D.Double(left, top + plotH, left + plotW, top + plotH));
            for (int l = 0; l < layers; l += tickStep) {
                double x = left + plotW * l / xmax;
                g.draw(new Line2D.Double(x, top + plotH, x, top + plotH + 2));
                text(g, Integer.toString(l), x, top + plotH + 3 + SMALL, SMALL, 0.5, INK);
            }
            text(g, "layer", left + plotW / 2, top + plotH + 3 + SMALL + 4 + FS, FS, 0.5, INK);
            rotated(g, "value (0 to 1)", M + FS, top + plotH / 2, FS, 0.5);
            series(g, share, SHARE, false, left, top, plotW, plotH, xmax);
            series(g, aShare, SHARE, true, left, top, plotW, plotH, xmax);
            series(g, ent, ENTROPY, false, left, top, plotW, plotH, xmax);
            series(g, aEnt, ENTROPY, true, left, top, plotW, plotH, xmax);
            double lx = left + plotW + GAP + 6;
            String[] names = {"rollout sink share", "sink share, sink ablated", "mixing entropy",
                "mixing entropy, sink ablated"};
            Color[] colors = {SHARE, SHARE, ENTROPY, ENTROPY};
            for (int k = 0; k < 4; k++) {
                double y = top + 6 + k * (FS + 5);
                g.setColor(colors[k]);
                g.setStroke(stroke(k % 2 == 1));
                g.draw(new Line2D.Double(lx, y, lx + 16, y));
                text(g, names[k], lx + 20, y + FS * 0.35, FS, 0, INK);
            }
            caption(g, capLines, capTop);
        });
    }

    private static BasicStroke stroke(boolean dashed) {
        return dashed ? new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {3f, 2f}, 0f)
                : new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static void series(Graphics2D g, double[] v, Color c, boolean dashed, double left, double top, double w,
                               double h, double xmax) {
        Path2D.Double p = new Path2D.Double();
        for (int l = 0; l < v.length; l++) {
            double x = left + w * l / xmax;
            double y = top + h * (1 - Math.max(0, Math.min(1, v[l])));
            if (l == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        g.setColor(c);
        g.setStroke(stroke(dashed));
        g.draw(p);
        for (int l = 0; l < v.length; l++) {
            double x = left + w * l / xmax;
            double y = top + h * (1 - Math.max(0, Math.min(1, v[l])));
            double r = dashed ? 1.2 : 1.6;
            Ellipse2D e = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            if (dashed) {
                g.setColor(Color.WHITE);
                g.fill(e);
                g.setColor(c);
                g.setStroke(new BasicStroke(0.6f));
                g.draw(e);
            } else {
                g.fill(e);
            }
        }
    }

    // ---------------------------------------------------------------- pieces

    private long cellsPerHead() {
        long t = a.tokens();
        return a.causal() ? t * (t + 1) / 2 : t * t;
    }

    private int rasterPixels(double sidePt) {
        return (int) Math.max(1, Math.min(a.tokens(), Math.ceil(sidePt / 72 * o.rasterDpi())));
    }

    private String cellsNote(boolean raster, int px) {
        if (!raster) {
            return "cells: vector";
        }
        int t = a.tokens();
        return px < t ? "cells: embedded image, " + t + "x" + t + " max-pooled to " + px + "x" + px + " px"
                : "cells: embedded image, " + t + "x" + t + " px";
    }

    private String caption(String what, String cells) {
        List<String> parts = new ArrayList<>();
        parts.add(in.model());
        parts.add(what);
        parts.add("sink metric: first-token sink score" + (an.sinks().excludeFirstQuery() ? " (first query excluded)" : "")
                + ", epsilon = " + in.epsilonText());
        if (view.kind() != View.Kind.MIXING) {
            parts.add("colour: " + o.scale().describe());
        }
        parts.add("BOS prepended: " + (in.bos() ? "yes" : "no"));
        parts.add("T = " + a.tokens());
        if (!cells.isEmpty()) {
            parts.add(cells);
        }
        parts.add(in.appVersion());
        return String.join(" | ", parts);
    }

    private Map<String, String> metadata(String caption, boolean raster) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Title", "SinkScope figure: " + view + " of " + in.model());
        m.put("model", in.model());
        m.put("sha256", in.sha256());
        m.put("prompt", in.prompt());
        m.put("view", view.toString());
        m.put("epsilon", in.epsilonText());
        m.put("scale", view.kind() == View.Kind.MIXING ? "none (line chart)" : o.scale().describe());
        m.put("bos", in.bos() ? "yes" : "no");
        m.put("tokens", Integer.toString(a.tokens()));
        m.put("cells", raster ? "embedded image" : "vector");
        m.put("software", in.appVersion());
        m.put("Description", caption);
        return m;
    }

    private void heatmap(Graphics2D g, int l, int h, double x, double y, double side, boolean raster, int px) {
        int t = a.tokens();
        float[] d = a.layerData(l);
        int base = a.offset(h, 0, 0);
        boolean causal = a.causal();
        ColorScale sc = o.scale();
        if (!raster) {
            Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            double c = side / t;
            // each cell overlaps the next one, drawn later, so viewers show no hairline seams
            double over = Math.min(0.3, c * 0.25);
            Rectangle2D.Double r = new Rectangle2D.Double();
            for (int i = 0; i < t; i++) {
                int visible = causal ? i + 1 : t;
                for (int j = 0; j < visible; j++) {
                    g.setColor(new Color(sc.rgb(d[base + i * t + j])));
                    r.setRect(x + j * c, y + i * c, c + (j < visible - 1 ? over : 0), c + (i < t - 1 ? over : 0));
                    g.fill(r);
                }
            }
            if (aa != null) {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
            }
        } else {
            BufferedImage img = pooled(d, base, t, causal, px, sc);
            Object interp = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            AffineTransform at = new AffineTransform();
            at.translate(x, y);
            at.scale(side / px, side / px);
            g.drawImage(img, at, null);
            if (interp != null) {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interp);
            }
        }
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(0.4f));
        g.draw(new Rectangle2D.Double(x, y, side, side));
        java.lang.ref.Reference.reachabilityFence(a); // its arrays were read directly
    }

    /** A px x px image of one head: each pixel the maximum of its block of cells, white above the diagonal. */
    static BufferedImage pooled(float[] d, int base, int t, boolean causal, int px, ColorScale sc) {
        BufferedImage img = new BufferedImage(px, px, BufferedImage.TYPE_INT_RGB);
        for (int py = 0; py < px; py++) {
            int i0 = (int) ((long) py * t / px);
            int i1 = Math.max(i0 + 1, (int) ((long) (py + 1) * t / px));
            for (int qx = 0; qx < px; qx++) {
                int j0 = (int) ((long) qx * t / px);
                int j1 = Math.max(j0 + 1, (int) ((long) (qx + 1) * t / px));
                float max = -1;
                for (int i = i0; i < i1; i++) {
                    int end = causal ? Math.min(j1, i + 1) : j1;
                    int row = base + i * t;
                    for (int j = j0; j < end; j++) {
                        max = Math.max(max, d[row + j]);
                    }
                }
                img.setRGB(qx, py, max < 0 ? 0xFFFFFF : sc.rgb(max));
            }
        }
        return img;
    }

    private void colorbar(Graphics2D g, double x, double y, double h, String label) {
        double bw = 7;
        int steps = 128;
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int k = 0; k < steps; k++) {
            // drawn bottom to top, each band reaching halfway into the next so no seams show
            double y0 = y + h * (1 - (k + 1) / (double) steps);
            double extra = k < steps - 1 ? h / steps * 0.5 : 0;
            g.setColor(new Color(ColorScale.rgbAt((k + 0.5) / steps)));
            g.fill(new Rectangle2D.Double(x, y0 - extra, bw, h / steps + extra));
        }
        if (aa != null) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        }
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(0.4f));
        g.draw(new Rectangle2D.Double(x, y, bw, h));
        double tickW = 0;
        for (double v : o.scale().ticks()) {
            double ty = y + h * (1 - o.scale().normalise(v));
            g.setColor(INK);
            g.draw(new Line2D.Double(x + bw, ty, x + bw + 2, ty));
            String s = o.scale().tickLabel(v);
            text(g, s, x + bw + 3, ty + SMALL * 0.35, SMALL, 0, INK);
            tickW = Math.max(tickW, FigureFonts.width(s, SMALL));
        }
        rotated(g, label + (o.scale().isLog() ? " (log)" : ""), x + bw + 3 + tickW + 3 + SMALL, y + h / 2, SMALL, 0.5);
    }

    private void caption(Graphics2D g, List<String> lines, double top) {
        for (int i = 0; i < lines.size(); i++) {
            text(g, lines.get(i), M, top + CAP + i * CAP * 1.3, CAP, 0, INK);
        }
    }

    private static void begin(Graphics2D g, double w, double h) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, w, h));
    }

    /** Draws text with its baseline at y; hAlign 0 = left, 0.5 = centre, 1 = right. */
    static void text(Graphics2D g, String s, double x, double y, float size, double hAlign, Color c) {
        if (s.isEmpty()) {
            return;
        }
        Font f = FigureFonts.forText(s, size);
        g.setFont(f);
        g.setColor(c);
        double w = f.getStringBounds(s, FigureFonts.FRC).getWidth();
        g.drawString(s, (float) (x - w * hAlign), (float) y);
    }

    /** Text reading upwards, its baseline through x; hAlign along the text as in {@link #text}. */
    static void rotated(Graphics2D g, String s, double x, double y, float size, double hAlign) {
        AffineTransform old = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        text(g, s, 0, 0, size, hAlign, INK);
        g.setTransform(old);
    }

    static List<String> wrap(String text, float size, double maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && FigureFonts.width(candidate, size) > maxWidth) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    static String shorten(String label) {
        return label.codePointCount(0, label.length()) <= LABEL_CHARS ? label
                : label.substring(0, label.offsetByCodePoints(0, LABEL_CHARS - 1)) + "\u2026";
    }

    static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
