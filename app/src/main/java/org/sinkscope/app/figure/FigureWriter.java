package org.sinkscope.app.figure;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.ViewBox;
import org.sinkscope.runtime.io.AtomicFiles;

/** Writes a {@link Figure} as PNG, SVG or PDF, atomically, with its facts in the file's metadata. */
public final class FigureWriter {
    /** Resolution of embedded heatmap images inside SVG and PDF. */
    public static final double VECTOR_RASTER_DPI = 300;

    public enum Format {
        PNG, SVG, PDF;

        public static Optional<Format> parse(String s) {
            if (s == null) {
                return Optional.empty();
            }
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "png" -> Optional.of(PNG);
                case "svg" -> Optional.of(SVG);
                case "pdf" -> Optional.of(PDF);
                default -> Optional.empty();
            };
        }

        /** From the file name's extension. */
        public static Optional<Format> ofFile(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot < 0 ? Optional.empty() : parse(name.substring(dot + 1));
        }

        /** The resolution embedded heatmap images are made at for this format. */
        public double rasterDpi(int dpi) {
            return this == PNG ? dpi : VECTOR_RASTER_DPI;
        }
    }

    private FigureWriter() {
    }

    /**
     * Lays out {@code view} of {@code input} and writes it: the one path from an analysis to a
     * figure file, shared by {@code sinkscope figure} and the window's Export figure, so the two
     * give the same file. The view must have been checked against the model's size.
     */
    public static Figure write(FigureInput input, View view, Format format, Path file, int dpi, double widthMm,
            boolean log) throws IOException {
        Figure fig = FigureRenderer.layout(input, view, FigureRenderer.Options.of(widthMm, log, format.rasterDpi(dpi)));
        write(fig, format, file, dpi, widthMm);
        return fig;
    }

    public static void write(Figure fig, Format format, Path file, int dpi, double widthMm) throws IOException {
        switch (format) {
            case PNG -> writePng(fig, file, dpi, widthMm);
            case SVG -> writeSvg(fig, file);
            case PDF -> writePdf(fig, file);
            default -> throw new IllegalArgumentException(format.toString());
        }
    }

    /** Pixel width round(width_mm / 25.4 * dpi). */
    public static int pixelWidth(double widthMm, int dpi) {
        return (int) Math.round(widthMm / 25.4 * dpi);
    }

    public static BufferedImage render(Figure fig, double widthMm, int dpi) {
        int pw = pixelWidth(widthMm, dpi);
        double scale = pw / fig.width();
        int ph = Math.max(1, (int) Math.round(fig.height() * scale));
        BufferedImage img = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(scale, scale);
            fig.draw(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    static void writePng(Figure fig, Path file, int dpi, double widthMm) throws IOException {
        BufferedImage img = render(fig, widthMm, dpi);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
            String fmt = "javax_imageio_png_1.0";
            IIOMetadataNode root = new IIOMetadataNode(fmt);
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            String ppm = Long.toString(Math.round(dpi / 0.0254));
            phys.setAttribute("pixelsPerUnitXAxis", ppm);
            phys.setAttribute("pixelsPerUnitYAxis", ppm);
            phys.setAttribute("unitSpecifier", "meter");
            root.appendChild(phys);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
            for (Map.Entry<String, String> e : fig.metadata().entrySet()) {
                String v = e.getValue();
                if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(v)) {
                    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                    entry.setAttribute("keyword", e.getKey());
                    entry.setAttribute("value", v);
                    text.appendChild(entry);
                } else {
                    IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                    entry.setAttribute("keyword", e.getKey());
                    entry.setAttribute("compressionFlag", "FALSE");
                    entry.setAttribute("compressionMethod", "0");
                    entry.setAttribute("languageTag", "");
                    entry.setAttribute("translatedKeyword", "");
                    entry.setAttribute("text", v);
                    itxt.appendChild(entry);
                }
            }
            if (text.getLength() > 0) {
                root.appendChild(text);
            }
            if (itxt.getLength() > 0) {
                root.appendChild(itxt);
            }
            md.mergeTree(fmt, root);
            AtomicFiles.write(file, out -> {
                MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out);
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, md), null);
                ios.close();
            });
        } finally {
            writer.dispose();
        }
    }

    public static String svg(Figure fig) {
        SVGGraphics2D g = new SVGGraphics2D(fig.width(), fig.height(), SVGUnits.PT);
        g.setFontSizeUnits(SVGUnits.PX);
        g.setFontFunction(family -> family + ", Droid Sans Fallback, sans-serif");
        fig.draw(g);
        String element = g.getSVGElement(null, true, new ViewBox(0, 0, fig.width(), fig.height()), null, null);
        StringBuilder meta = new StringBuilder();
        meta.append("<title>").append(xml(fig.metadata().getOrDefault("Title", ""))).append("</title>");
        meta.append("<desc>").append(xml(fig.caption())).append("</desc>");
        meta.append("<metadata><sinkscope:figure xmlns:sinkscope=\"https://sinkscope.org/ns/figure\">");
        for (Map.Entry<String, String> e : fig.metadata().entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            meta.append("<sinkscope:").append(key).append('>').append(xml(e.getValue()))
                    .append("</sinkscope:").append(key).append('>');
        }
        meta.append("</sinkscope:figure></metadata>");
        int open = element.indexOf('>') + 1;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element.substring(0, open) + meta + element.substring(open)
                + "\n";
    }

    static void writeSvg(Figure fig, Path file) throws IOException {
        byte[] bytes = svg(fig).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static void writePdf(Figure fig, Path file) throws IOException {
        try (PDDocument doc = new PDDocument();
             PdfBoxGraphics2DFontTextDrawer fonts = new PdfBoxGraphics2DFontTextDrawer()) {
            float w = (float) fig.width();
            float h = (float) fig.height();
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            for (String family : FigureFonts.embeddableFamilies()) {
                fonts.registerFont(FigureFonts.fileFor(family).orElseThrow().toFile());
            }
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
            g.setFontTextDrawer(fonts);
            try {
                fig.draw(g);
            } finally {
                g.dispose();
            }
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(form);
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            Map<String, String> md = fig.metadata();
            info.setTitle(md.get("Title"));
            info.setSubject(fig.caption());
            info.setCreator(md.get("software"));
            info.setKeywords("attention sinks; " + md.get("view") + "; sha256 " + md.get("sha256"));
            for (Map.Entry<String, String> e : md.entrySet()) {
                if (!e.getKey().equals("Title") && !e.getKey().equals("Description")) {
                    info.setCustomMetadataValue(e.getKey(), e.getValue());
                }
            }
            AtomicFiles.write(file, (OutputStream out) -> doc.save(out));
        }
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
