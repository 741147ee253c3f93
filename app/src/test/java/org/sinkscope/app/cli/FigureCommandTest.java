package org.sinkscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sinkscope.runtime.io.SavedAnalysis;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** {@code sinkscope figure}: every view in every format, through the command line in-process. */
class FigureCommandTest {
    private static final String MODEL = "demo:tinysink-gpt2";
    private static final String PROMPT = "The cat sat on the mat.";
    private static final List<String> VIEWS = List.of("grid", "head:1.2", "sinks", "mixing", "layer:2");
    private static String sha256;

    @TempDir
    Path tmp;

    @BeforeAll
    static void modelSha(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CliRun run = CliRun.of("analyze", MODEL, "--prompt", PROMPT, "--json", json.toString());
        assertThat(run.status()).as(run.err()).isZero();
        sha256 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).at("/model/sha256").asText();
        assertThat(sha256).hasSize(64);
    }

    static Stream<Arguments> viewsAndFormats() {
        List<Arguments> a = new ArrayList<>();
        for (String v : VIEWS) {
            for (String f : List.of("png", "svg", "pdf")) {
                a.add(Arguments.of(v, f));
            }
        }
        return a.stream();
    }

    private Path figure(String view, String file, String... extra) {
        Path out = tmp.resolve(file);
        List<String> args = new ArrayList<>(List.of("figure", MODEL, "--prompt", PROMPT, "--view", view,
                "--out", out.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(out).isRegularFile();
        return out;
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("viewsAndFormats")
    void everyViewInEveryFormat(String view, String format) throws Exception {
        Path out = figure(view, "fig." + format);
        boolean tokenLabels = view.startsWith("head");
        switch (format) {
            case "png" -> {
                Map<String, String> text = pngText(out);
                assertThat(pngWidth(out)).isEqualTo(Math.round(180 / 25.4 * 300));
                assertThat(text).containsEntry("sha256", sha256).containsEntry("model", MODEL)
                        .containsEntry("view", view).containsEntry("prompt", PROMPT).containsEntry("epsilon", "0.3")
                        .containsEntry("software", "SinkScope " + Version.VERSION);
                assertThat(text.get("Description")).contains("BOS prepended: yes", "epsilon = 0.3", "T = 8");
            }
            case "svg" -> {
                String svg = Files.readString(out, StandardCharsets.UTF_8);
                List<String> texts = svgTexts(svg);
                assertThat(svg).contains(sha256, "<desc>", "<metadata>");
                if (tokenLabels) {
                    assertThat(texts).contains("<|bos|>", "The", "\u2423cat", "\u2423mat", ".");
                } else {
                    assertThat(texts).isNotEmpty();
                }
                assertThat(String.join(" ", texts)).contains("SinkScope " + Version.VERSION);
            }
            case "pdf" -> {
                try (PDDocument doc = Loader.loadPDF(out.toFile())) {
                    String text = new PDFTextStripper().getText(doc);
                    if (tokenLabels) {
                        assertThat(text).contains("<|bos|>", "The", "\u2423cat", "\u2423mat");
                    }
                    assertThat(text).contains(MODEL);
                    assertThat(doc.getDocumentInformation().getCustomMetadataValue("sha256")).isEqualTo(sha256);
                    assertThat(doc.getDocumentInformation().getCustomMetadataValue("prompt")).isEqualTo(PROMPT);
                    assertThat(doc.getDocumentInformation().getTitle()).contains(view);
                }
            }
            default -> throw new AssertionError(format);
        }
    }

    @Test
    void pngPixelWidthFollowsDpiAndWidthAndCarriesThePhysicalResolution() throws Exception {
        Path out = figure("sinks", "small.png", "--dpi", "150", "--width-mm", "85");
        assertThat(pngWidth(out)).isEqualTo(Math.round(85 / 25.4 * 150));
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            Element root = (Element) r.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            Element phys = (Element) root.getElementsByTagName("pHYs").item(0);
            assertThat(phys.getAttribute("unitSpecifier")).isEqualTo("meter");
            assertThat(phys.getAttribute("pixelsPerUnitXAxis")).isEqualTo(Long.toString(Math.round(150 / 0.0254)));
        }
    }

    @Test
    void formatOptionOverridesTheExtensionAndLogScaleIsStated() throws Exception {
        Path out = figure("head:0.0", "figure.bin", "--format", "svg", "--log");
        String svg = Files.readString(out);
        assertThat(svg).startsWith("<?xml").contains("log10");
    }

    @Test
    void nonLatinTokenLabelsAreTextInSvgAndPdf() throws Exception {
        String prompt = "Привет мир αβγ 你好";
        Path svg = tmp.resolve("u.svg");
        Path pdf = tmp.resolve("u.pdf");
        for (Path p : List.of(svg, pdf)) {
            CliRun run = CliRun.of("figure", MODEL, "--prompt", prompt, "--view", "head:0.0", "--out", p.toString());
            assertThat(run.status()).as(run.err()).isZero();
        }
        String all = String.join("", svgTexts(Files.readString(svg)));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s", "");
            // every label character that the SVG holds as text is also text in the PDF
            for (char c : new char[] {'\u0438', '\u03b1'}) {
                assertThat(all).contains(String.valueOf(c));
                assertThat(text).contains(String.valueOf(c));
            }
        }
    }

    @Test
    void figureFromASavedAnalysisEqualsTheFigureFromTheModel() throws Exception {
        Path npz = tmp.resolve("run.npz");
        CliRun save = CliRun.of("analyze", MODEL, "--prompt", PROMPT, "--save", npz.toString());
        assertThat(save.status()).as(save.err()).isZero();
        assertThat(SavedAnalysis.looksLikeArchive(npz)).isTrue();
        for (String view : List.of("head:1.2", "grid", "mixing")) {
            Path fromModel = figure(view, "m.png");
            Path fromSaved = tmp.resolve("s.png");
            CliRun run = CliRun.of("figure", npz.toString(), "--view", view, "--out", fromSaved.toString());
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(Files.readAllBytes(fromSaved)).as(view).isEqualTo(Files.readAllBytes(fromModel));
        }
        Path svgModel = figure("sinks", "m.svg");
        Path svgSaved = tmp.resolve("s.svg");
        assertThat(CliRun.of("figure", npz.toString(), "--view", "sinks", "--out", svgSaved.toString()).status()).isZero();
        assertThat(Files.readString(svgSaved)).isEqualTo(Files.readString(svgModel));
    }

    @Test
    void aBadViewExitsTwoWithOneLine() {
        Path out = tmp.resolve("x.png");
        for (String view : List.of("heads", "head:1", "head:9.0", "head:0.6", "layer:4", "")) {
            CliRun run = CliRun.of("figure", MODEL, "--prompt", PROMPT, "--view", view, "--out", out.toString());
            assertThat(run.status()).as(view).isEqualTo(SinkScopeCli.USAGE);
            assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownFormatOrMissingPromptExitsTwo() {
        assertThat(CliRun.of("figure", MODEL, "--prompt", PROMPT, "--view", "grid", "--out",
                tmp.resolve("x.jpg").toString()).status()).isEqualTo(SinkScopeCli.USAGE);
        assertThat(CliRun.of("figure", MODEL, "--view", "grid", "--out",
                tmp.resolve("x.png").toString()).status()).isEqualTo(SinkScopeCli.USAGE);
    }

    @Test
    void anUnwritableOutOrAnUnusableModelExitsThreeLeavingNoFile() throws Exception {
        Path missingDir = tmp.resolve("no-such-folder").resolve("x.pdf");
        CliRun run = CliRun.of("figure", MODEL, "--prompt", PROMPT, "--view", "grid", "--out", missingDir.toString());
        assertThat(run.status()).isEqualTo(SinkScopeCli.UNUSABLE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(missingDir.getParent()).doesNotExist();

        Path dirAsOut = Files.createDirectory(tmp.resolve("folder.png"));
        run = CliRun.of("figure", MODEL, "--prompt", PROMPT, "--view", "grid", "--out", dirAsOut.toString());
        assertThat(run.status()).isEqualTo(SinkScopeCli.UNUSABLE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();

        Path out = tmp.resolve("y.png");
        run = CliRun.of("figure", "demo:no-such-model", "--prompt", PROMPT, "--view", "grid", "--out", out.toString());
        assertThat(run.status()).isEqualTo(SinkScopeCli.UNUSABLE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();

        Path notNpz = Files.writeString(tmp.resolve("broken.npz"), "not a zip");
        run = CliRun.of("figure", notNpz.toString(), "--view", "grid", "--out", out.toString());
        assertThat(run.status()).isEqualTo(SinkScopeCli.UNUSABLE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("folder.png", "broken.npz");
        }
    }

    // ---------------------------------------------------------------- helpers

    static int pngWidth(Path png) throws Exception {
        return ImageIO.read(png.toFile()).getWidth();
    }

    /** tEXt and iTXt entries of a PNG. */
    static Map<String, String> pngText(Path png) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(Files.readAllBytes(png)))) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            IIOMetadata md = r.getImageMetadata(0);
            Element root = (Element) md.getAsTree("javax_imageio_png_1.0");
            NodeList t = root.getElementsByTagName("tEXtEntry");
            for (int i = 0; i < t.getLength(); i++) {
                Element e = (Element) t.item(i);
                m.put(e.getAttribute("keyword"), e.getAttribute("value"));
            }
            NodeList it = root.getElementsByTagName("iTXtEntry");
            for (int i = 0; i < it.getLength(); i++) {
                Element e = (Element) it.item(i);
                m.put(e.getAttribute("keyword"), e.getAttribute("text"));
            }
        }
        return m;
    }

    static List<String> svgTexts(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            texts.add(n.getTextContent());
        }
        return texts;
    }
}
