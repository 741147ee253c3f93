package org.sinkscope.runtime.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * A whole analysis in one NumPy .npz archive ({@code numpy.load} opens it): attention float32
 * [L, H, T, T], token_ids int64 [T], sink_score and entropy float64 [L, H], the mixing arrays
 * float64 [L], and report_json, the UTF-8 bytes of the JSON report as uint8 [n].
 *
 * <p>{@link #read(Path)} reopens it without the model. Metrics are recomputed from the stored
 * attention with the stored settings, so they equal those of the original run exactly.
 *
 * @param analysis the analysis, recomputed from the stored attention
 * @param tokens   the tokens, with their texts from the report
 * @param report   the JSON report as saved
 */
public record SavedAnalysis(Analysis analysis, TokenizedPrompt tokens, JsonNode report) {
    public static final String EXTENSION = ".npz";
    /** Entries are dated 1980-01-01 so the same analysis always gives the same bytes. */
    private static final long FIXED_TIME = 315_532_800_000L;

    /** Writes the archive atomically. */
    public static void write(Path file, Analysis analysis, TokenizedPrompt tokens, byte[] reportJson) throws IOException {
        AttentionSet a = analysis.attention();
        int layers = a.layers();
        int heads = a.heads();
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(new NoClose(out))) {
                zip.setLevel(6);
                entry(zip, "attention.npy");
                zip.write(NpyWriter.header("<f4", new long[] {layers, heads, a.tokens(), a.tokens()}));
                for (int l = 0; l < layers; l++) {
                    NpyWriter.writeFloats(zip, a.layerData(l));
                }
                zip.closeEntry();
                long[] ids = tokens.ids();
                ByteBuffer idb = ByteBuffer.allocate(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (long id : ids) {
                    idb.putLong(id);
                }
                array(zip, "token_ids", "<i8", new long[] {ids.length}, idb.array());
                array(zip, "sink_score", new long[] {layers, heads}, flat(analysis.sinks().sinkScore()));
                array(zip, "entropy", new long[] {layers, heads}, flat(analysis.entropy().entropy()));
                array(zip, "sink_rate_by_layer", new long[] {layers}, analysis.sinkRateByLayer());
                array(zip, "rollout_sink_share", new long[] {layers}, analysis.mixing().sinkShare());
                array(zip, "mixing_entropy", new long[] {layers}, analysis.mixing().mixingEntropy());
                array(zip, "ablated_sink_share", new long[] {layers}, analysis.mixing().ablatedSinkShare());
                array(zip, "ablated_mixing_entropy", new long[] {layers}, analysis.mixing().ablatedMixingEntropy());
                array(zip, "report_json", "|u1", new long[] {reportJson.length}, reportJson);
            }
        });
        java.lang.ref.Reference.reachabilityFence(a); // its arrays were read directly
    }

    /** Reopens an archive written by {@link #write}. */
    public static SavedAnalysis read(Path file) throws IOException {
        Map<String, NpyReader.Array> arrays = new java.util.LinkedHashMap<>();
        float[][] data = null;
        long[] shape = null;
        try (ZipInputStream zip = new ZipInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals("attention.npy")) {
                    shape = attentionShape(zip);
                    data = readFloats(zip, shape);
                } else if (e.getName().endsWith(".npy")) {
                    arrays.put(e.getName().substring(0, e.getName().length() - 4), NpyReader.read(zip));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not a valid .npz archive (" + e.getMessage() + ")");
        }
        NpyReader.Array ids = arrays.get("token_ids");
        NpyReader.Array json = arrays.get("report_json");
        if (data == null || ids == null || json == null) {
            throw new IOException(file + " is not a SinkScope saved analysis (needs attention, token_ids and report_json)");
        }
        if (ids.shape()[0] != shape[2]) {
            throw new IOException(file + ": attention has T = " + shape[2] + " but there are " + ids.shape()[0] + " token ids");
        }
        byte[] bytes = new byte[json.values().length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) json.values()[i];
        }
        JsonNode report = new ObjectMapper().readTree(bytes);
        int heads = (int) shape[1];
        int t = (int) shape[2];
        AttentionSet attention = new AttentionSet(heads, t, data);
        double epsilon = report.path("epsilon").asDouble(0.3);
        boolean exclude = report.path("excludeFirstQuery").asBoolean(false);
        Analysis analysis = Analysis.of(attention, epsilon, exclude);
        long[] tokenIds = new long[t];
        String[] texts = new String[t];
        JsonNode tokens = report.path("tokens");
        for (int i = 0; i < t; i++) {
            tokenIds[i] = (long) ids.values()[i];
            texts[i] = tokens.path(i).path("text").asText(Long.toString(tokenIds[i]));
        }
        boolean bos = report.path("bos").asBoolean(false);
        return new SavedAnalysis(analysis, new TokenizedPrompt(tokenIds, new long[t], texts, bos), report);
    }

    private static final java.util.regex.Pattern F4 = java.util.regex.Pattern.compile("'descr':\\s*'<f4'");
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Reads the .npy header of the attention entry: float32, C order, [L, H, T, T]. */
    private static long[] attentionShape(java.io.InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || (magic[0] & 0xFF) != 0x93 || magic[1] != 'N') {
            throw new IOException("attention.npy is not a NumPy array");
        }
        byte[] len = in.readNBytes(magic[6] == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = magic[6] == 1 ? Short.toUnsignedInt(lb.getShort()) : lb.getInt();
        String header = new String(in.readNBytes(headerLen), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = SHAPE.matcher(header);
        if (!F4.matcher(header).find() || header.contains("True") || !m.find()) {
            throw new IOException("attention.npy must be little-endian float32 in C order: " + header.strip());
        }
        long[] shape = java.util.Arrays.stream(m.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        if (shape.length != 4 || shape[2] != shape[3] || shape[0] < 1 || shape[1] < 1 || shape[2] < 1
                || shape[1] * shape[2] * shape[2] > Integer.MAX_VALUE) {
            throw new IOException("attention must be [L, H, T, T], got " + java.util.Arrays.toString(shape));
        }
        return shape;
    }

    private static float[][] readFloats(java.io.InputStream in, long[] shape) throws IOException {
        int per = (int) (shape[1] * shape[2] * shape[2]);
        float[][] data = new float[(int) shape[0]][per];
        byte[] buf = new byte[1 << 18];
        for (float[] layer : data) {
            int done = 0;
            while (done < per) {
                int n = Math.min(buf.length / 4, per - done);
                int got = in.readNBytes(buf, 0, n * 4);
                if (got < n * 4) {
                    throw new IOException("attention.npy is truncated");
                }
                ByteBuffer.wrap(buf, 0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(layer, done, n);
                done += n;
            }
        }
        return data;
    }

    /** Whether a file looks like a zip archive (an .npz) rather than a model. */
    public static boolean looksLikeArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    private static void entry(ZipOutputStream zip, String name) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(FIXED_TIME);
        zip.putNextEntry(e);
    }

    private static void array(ZipOutputStream zip, String name, long[] shape, double[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        array(zip, name, "<f8", shape, b.array());
    }

    private static void array(ZipOutputStream zip, String name, String descr, long[] shape, byte[] data) throws IOException {
        entry(zip, name + ".npy");
        zip.write(NpyWriter.header(descr, shape));
        zip.write(data);
        zip.closeEntry();
    }

    private static double[] flat(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] f = new double[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, f, r * cols, cols);
        }
        return f;
    }

    /** Lets the zip stream finish without closing the atomic writer's stream. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
