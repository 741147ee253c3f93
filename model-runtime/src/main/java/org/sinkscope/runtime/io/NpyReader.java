package org.sinkscope.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy .npy arrays (and the arrays inside an .npz archive) of little-endian float16,
 * float32, float64, int32 or int64 in C order, as doubles.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|=]?)([fiub])(\\d)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*True");

    /** An n-dimensional array flattened in C order. */
    public record Array(long[] shape, double[] values) {
        public int size(int axis) {
            return (int) shape[axis];
        }
    }

    private NpyReader() {
    }

    public static Map<String, Array> readNpz(Path file) throws IOException {
        Map<String, Array> result = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                result.put(name, read(zip));
            }
        }
        return result;
    }

    public static Array read(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || (magic[0] & 0xFF) != 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException("not a NumPy .npy array");
        }
        int major = magic[6];
        byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? Short.toUnsignedInt(lb.getShort()) : lb.getInt();
        String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || FORTRAN.matcher(header).find()) {
            throw new IOException("unsupported .npy header: " + header.strip());
        }
        char kind = d.group(2).charAt(0);
        int width = Integer.parseInt(d.group(3));
        String[] parts = s.group(1).split(",");
        long count = 1;
        java.util.List<Long> dims = new java.util.ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank()) {
                long v = Long.parseLong(p.strip());
                dims.add(v);
                count *= v;
            }
        }
        if (count > Integer.MAX_VALUE / 8) {
            throw new IOException("array too large: " + count + " values");
        }
        ByteBuffer data = ByteBuffer.wrap(in.readNBytes((int) count * width)).order(ByteOrder.LITTLE_ENDIAN);
        if (data.capacity() < count * width) {
            throw new IOException("truncated .npy data");
        }
        double[] values = new double[(int) count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (kind + "" + width) {
                case "f2" -> halfToFloat(data.getShort());
                case "f4" -> data.getFloat();
                case "f8" -> data.getDouble();
                case "i4" -> data.getInt();
                case "i8" -> data.getLong();
                case "u1", "b1", "i1" -> data.get();
                default -> throw new IOException("unsupported dtype " + kind + width);
            };
        }
        return new Array(dims.stream().mapToLong(Long::longValue).toArray(), values);
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrives only in JDK 20). */
    static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal
            return sign == 0 ? v : -v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
