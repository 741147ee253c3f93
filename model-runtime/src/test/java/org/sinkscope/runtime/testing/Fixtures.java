package org.sinkscope.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.io.NpyReader;

/** Test fixtures copied from the project's shared models (see src/test/resources/fixtures/README.md). */
public final class Fixtures {
    private Fixtures() {
    }

    /** A fixture as a file; copied out once when the fixtures come inside a jar (the app's tests). */
    public static synchronized Path path(String resource) {
        java.net.URL url = Fixtures.class.getClassLoader().getResource("fixtures/" + resource);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + resource);
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = java.nio.file.Files.createTempDirectory("sinkscope-fixture").resolve(Path.of(resource).getFileName());
            try (java.io.InputStream in = url.openStream()) {
                java.nio.file.Files.copy(in, copy);
            }
            copy.toFile().deleteOnExit();
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read test fixture " + resource, e);
        }
    }

    private static Map<String, NpyReader.Array> reference;

    /** PyTorch eager (float32) outputs of tinysink-llama for four prompts. */
    public static synchronized Map<String, NpyReader.Array> llamaReference() {
        if (reference == null) {
            try {
                reference = NpyReader.readNpz(path("reference/tinysink-llama.npz"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reference;
    }

    /** A [L, H, T, T] array as an AttentionSet. */
    public static AttentionSet attentionOf(NpyReader.Array a) {
        int layers = a.size(0);
        int heads = a.size(1);
        int t = a.size(2);
        float[][] data = new float[layers][heads * t * t];
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < heads * t * t; k++) {
                data[l][k] = (float) a.values()[l * heads * t * t + k];
            }
        }
        return new AttentionSet(heads, t, data);
    }

    /** Largest absolute difference between two attention sets of equal shape. */
    public static double maxAbsDifference(AttentionSet x, AttentionSet y) {
        if (x.layers() != y.layers() || x.heads() != y.heads() || x.tokens() != y.tokens()) {
            throw new AssertionError("shapes differ: " + x.layers() + "x" + x.heads() + "x" + x.tokens() + " vs "
                    + y.layers() + "x" + y.heads() + "x" + y.tokens());
        }
        double max = 0;
        for (int l = 0; l < x.layers(); l++) {
            float[] a = x.layerData(l);
            float[] b = y.layerData(l);
            for (int k = 0; k < a.length; k++) {
                max = Math.max(max, Math.abs(a[k] - b[k]));
            }
        }
        return max;
    }

    public static double maxAbsDifference(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new AssertionError("lengths differ: " + x.length + " vs " + y.length);
        }
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    public static double maxAbsDifference(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new AssertionError("row counts differ: " + x.length + " vs " + y.length);
        }
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, maxAbsDifference(x[i], y[i]));
        }
        return max;
    }

    /** A JSON array of integers. */
    public static long[] longs(com.fasterxml.jackson.databind.JsonNode n) {
        long[] v = new long[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asLong();
        }
        return v;
    }

    /** A JSON array of numbers. */
    public static double[] doubles(com.fasterxml.jackson.databind.JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    /** A JSON array of arrays of numbers. */
    public static double[][] doubleRows(com.fasterxml.jackson.databind.JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = doubles(n.get(i));
        }
        return m;
    }
}
