package org.sinkscope.runtime.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.sinkscope.runtime.attention.AttentionSet;

/** The standard NumPy .npy format, version 1.0, little-endian float32, C order. */
public final class NpyWriter {
    private static final int CHUNK = 1 << 16;

    private NpyWriter() {
    }

    /** Writes all attention probabilities as one [L, H, T, T] float32 array. */
    public static void writeAttention(Path file, AttentionSet attention) throws IOException {
        int t = attention.tokens();
        long[] shape = {attention.layers(), attention.heads(), t, t};
        AtomicFiles.write(file, out -> {
            out.write(header("<f4", shape));
            for (int l = 0; l < attention.layers(); l++) {
                writeFloats(out, attention.layerData(l));
            }
        });
        java.lang.ref.Reference.reachabilityFence(attention); // its arrays were read directly
    }

    /** Writes one layer's attention as a [H, T, T] float32 array. */
    public static void writeLayer(Path file, AttentionSet attention, int layer) throws IOException {
        int t = attention.tokens();
        float[] data = attention.layerData(layer);
        AtomicFiles.write(file, out -> {
            out.write(header("<f4", new long[] {attention.heads(), t, t}));
            writeFloats(out, data);
        });
        java.lang.ref.Reference.reachabilityFence(attention); // its arrays were read directly
    }

    /** Writes one head's attention as a [T, T] float32 array (rows are queries, columns keys). */
    public static void writeHead(Path file, AttentionSet attention, int layer, int head) throws IOException {
        int t = attention.tokens();
        float[] data = java.util.Arrays.copyOfRange(attention.layerData(layer), attention.offset(head, 0, 0),
                attention.offset(head, 0, 0) + t * t);
        AtomicFiles.write(file, out -> {
            out.write(header("<f4", new long[] {t, t}));
            writeFloats(out, data);
        });
        java.lang.ref.Reference.reachabilityFence(attention); // its arrays were read directly
    }

    /** The magic, version and header dict, padded with spaces so the data starts on a 64-byte boundary. */
    public static byte[] header(String descr, long[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String padded = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) padded.length());
        b.put(padded.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    public static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            buf.clear();
            buf.asFloatBuffer().put(values, start, n);
            out.write(buf.array(), 0, n * 4);
        }
    }
}
