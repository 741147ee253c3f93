package org.sinkscope.runtime.session;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sinkscope.runtime.ModelException;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.hidden.HiddenSource;
import org.sinkscope.runtime.hidden.HiddenStateLocator;
import org.sinkscope.runtime.hidden.HiddenStates;
import org.sinkscope.runtime.inspect.AttentionExposer;
import org.sinkscope.runtime.inspect.AttentionTap;
import org.sinkscope.runtime.inspect.Inspection;
import org.sinkscope.runtime.inspect.Inspector;
import org.sinkscope.runtime.metrics.Analysis;
import org.sinkscope.runtime.metrics.CausalRowMetrics;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.source.ModelConfig;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.PromptTokenizer;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;

/**
 * One model, ready to run: the graph edited to expose attention, an ONNX Runtime session
 * over it, and the model's tokenizer. Holds native memory: close it.
 */
public final class ModelSession implements AutoCloseable {
    private static final Set<String> KNOWN_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml", "com.microsoft",
            "com.microsoft.nchwc", "com.microsoft.mlfeaturizers", "ai.onnx.preview.training", "ai.onnx.training",
            "org.pytorch.aten", "pkg.onnxscript.torch_lib.common");
    /** Position-embedding tables that end at the trained context: longer prompts cannot run. */
    private static final Set<String> LEARNED_POSITIONS = Set.of("gpt2", "bert", "distilbert", "roberta", "xlm-roberta",
            "opt", "gpt_neo", "electra", "albert", "camembert", "deberta", "mpnet", "vit", "bart", "t5");

    private final Inspection inspection;
    private final HiddenSource hiddenSource;
    private final Optional<PromptTokenizer> tokenizer;
    private final OrtEnvironment env;
    private final OrtSession session;
    /** The graph, kept to build the hidden-state session on first need. */
    private final OnnxGraph graph;
    /**
     * A second session whose graph also outputs the residual stream. Kept apart because extra graph
     * outputs stop ONNX Runtime from reusing their buffers, which slows every plain run.
     */
    private OrtSession hiddenSession;
    private final InputFeeder feeder;
    private final List<String> notes = new ArrayList<>();
    /** Rows of the token embedding, or -1 when the graph does not show them. */
    private final long vocabularyRows;
    private volatile boolean closed;

    private ModelSession(Inspection inspection, HiddenSource hiddenSource, Optional<PromptTokenizer> tokenizer,
            OrtEnvironment env, OrtSession session, InputFeeder feeder, long vocabularyRows, OnnxGraph graph,
            String device) {
        this.graph = graph;
        this.device = device;
        this.inspection = inspection;
        this.hiddenSource = hiddenSource;
        this.tokenizer = tokenizer;
        this.env = env;
        this.session = session;
        this.feeder = feeder;
        this.vocabularyRows = vocabularyRows;
    }

    /** "cpu", or "cuda" with the GPU build of ONNX Runtime (see {@link Accelerator}). */
    private final String device;

    /** Where this session runs: "cpu" or "cuda". */
    public String device() {
        return device;
    }

    /** Reads, inspects and prepares a model; fails with one actionable message when it cannot be used. */
    public static ModelSession open(ModelSource source) throws ModelException {
        OnnxGraph graph = OnnxGraph.read(source.modelFile());
        ModelConfig config = ModelConfig.read(source);
        Optional<PromptTokenizer> tokenizer = source.tokenizerFile().isPresent()
                ? Optional.of(PromptTokenizer.load(source.tokenizerFile().get(), config)) : Optional.empty();
        try {
            Inspection inspection = Inspector.inspect(source, graph, config, tokenizer);
            if (!inspection.attention().obtainable()) {
                throw new ModelException(source.modelFile().getFileName() + ": " + inspection.attention().detail());
            }
            refuseCustomOperators(graph);
            InputFeeder feeder = InputFeeder.plan(graph);
            HiddenSource hidden = HiddenStateLocator.locate(graph, inspection.attention());
            byte[] model = AttentionExposer.exposedModel(graph, inspection.attention(), List.of());
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session;
            String device;
            try (Settings settings = sessionSettings()) {
                device = settings.device();
                session = env.createSession(model, settings.options());
            } catch (OrtException e) {
                throw new ModelException(source.modelFile().getFileName() + " is not a valid ONNX model for ONNX Runtime ("
                        + OrtMessages.firstLine(e) + "): the file is damaged or the export is broken; export it again", e);
            }
            return new ModelSession(inspection, hidden, tokenizer, env, session, feeder,
                    Vocabulary.embeddingRows(graph), graph, device);
        } catch (ModelException | RuntimeException e) {
            tokenizer.ifPresent(PromptTokenizer::close);
            throw e;
        }
    }

    /** Session options and the device they chose ("cpu" or "cuda", see {@link Accelerator}). */
    record Settings(OrtSession.SessionOptions options, String device) implements AutoCloseable {
        @Override
        public void close() {
            options.close();
        }
    }

    /** The ONNX Runtime settings of every SinkScope session (and of the benchmark's baseline). */
    static Settings sessionSettings() throws OrtException, ModelException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
            // without the arena, freed output buffers go back to the system instead of staying reserved
            options.setCPUArenaAllocator(false);
            // with memory patterns ONNX Runtime places a run's intermediate values in one block of the
            // planned peak (tens of MiB at 512 tokens), above the size the C library ever keeps, so it is
            // mapped afresh each run; in some processes the exposed model's runs then faulted in 72 MiB
            // each (18,400 page faults, 3.7 times slower on the machine of BENCHMARKS.md). One by one, the
            // values reuse freed memory; no run was slower for it
            options.setMemoryPatternOptimization(false);
            // ONNX Runtime's idle workers otherwise spin for a while after each run, on the very cores
            // the attention is copied and measured on: at 512 tokens that made analyze 30% slower
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return new Settings(options, Accelerator.apply(options));
        } catch (OrtException | ModelException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

        private static void refuseCustomOperators(OnnxGraph graph) throws ModelException {
        Set<String> localFunctions = new LinkedHashSet<>();
        graph.model().getFunctionsList().forEach(f -> localFunctions.add(f.getDomain() + "." + f.getName()));
        for (NodeProto n : graph.nodes()) {
            if (!KNOWN_DOMAINS.contains(n.getDomain()) && !localFunctions.contains(n.getDomain() + "." + n.getOpType())) {
                throw new ModelException(graph.file().getFileName() + " uses the custom operator " + n.getDomain() + "."
                        + n.getOpType() + " (node '" + n.getName() + "'), which ONNX Runtime does not know and SinkScope"
                        + " never loads custom operator libraries: export the model with standard ONNX operators");
            }
        }
    }

    public Inspection inspection() {
        return inspection;
    }

    /** Where hidden states come from, or why there are none. */
    public HiddenSource hiddenSource() {
        return hiddenSource;
    }

    public Optional<PromptTokenizer> tokenizer() {
        return tokenizer;
    }

    /** Things worth telling the user about the last run (e.g. a prompt past the trained context). */
    public List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        if (!device.equals("cpu")) {
            all.add("run on " + device.toUpperCase(java.util.Locale.ROOT) + " device 0");
        }
        return List.copyOf(all);
    }

    /** Tokenizes a prompt with the model's tokenizer; BOS prepended unless {@code withBos} is false. */
    public TokenizedPrompt tokenize(String text, boolean withBos) throws ModelException {
        if (tokenizer.isEmpty()) {
            throw new ModelException("no tokenizer.json beside " + inspection.source().modelFile().getFileName()
                    + ": put the model's tokenizer.json there, or give token ids with --ids");
        }
        if (text.isEmpty()) {
            throw new ModelException("the prompt is empty: type some text");
        }
        TokenizedPrompt p = tokenizer.get().encode(text, withBos);
        if (p.length() == 0) {
            throw new ModelException("the prompt encodes to no tokens: type some text");
        }
        return p;
    }

    /** The id of the one token TEXT encodes to (no special tokens); refused when it is more or fewer than one. */
    public long singleTokenId(String text) throws ModelException {
        if (tokenizer.isEmpty()) {
            throw new ModelException("no tokenizer.json beside " + inspection.source().modelFile().getFileName()
                    + ": a replacement token needs the model's tokenizer");
        }
        long[] ids = tokenizer.get().encodeWithoutSpecialTokens(text);
        if (ids.length != 1) {
            throw new ModelException("the replacement '" + text + "' encodes to " + ids.length + " tokens, not one:"
                    + " pick a word the tokenizer keeps whole (a leading space often matters, e.g. ' dog')");
        }
        return ids[0];
    }

    /** Token ids given as they are; texts from the tokenizer when there is one. */
    public TokenizedPrompt fromIds(long[] ids) throws ModelException {
        if (ids.length == 0) {
            throw new ModelException("no token ids given: pass --ids 1,2,3");
        }
        if (tokenizer.isPresent()) {
            return tokenizer.get().named(ids);
        }
        String[] texts = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            texts[i] = "#" + ids[i];
        }
        return TokenizedPrompt.ofIds(ids, texts);
    }

    /** Runs the model once and returns every layer's and head's attention probabilities. */
    public AttentionSet run(TokenizedPrompt prompt) throws ModelException {
        return run(prompt, false).attention();
    }

    /**
     * Runs the model once and computes every metric of its attention (METRICS.md sections 1 to 3):
     * the same numbers as {@link Analysis#of} on {@link #run}'s attention. A causal run of up to
     * {@link PinnedOutputs#LIMIT_BYTES} of attention (and {@link CausalRowMetrics#sweeps} long) is
     * measured while it is copied out of ONNX Runtime's buffers, each row read from memory once.
     */
    public Analysis analyze(TokenizedPrompt prompt, double epsilon, boolean excludeFirstQuery) throws ModelException {
        return analyze(prompt, epsilon, excludeFirstQuery, new RunCancellation());
    }

    /** As {@link #analyze(TokenizedPrompt, double, boolean)}, stoppable as {@link #run} is. */
    public Analysis analyze(TokenizedPrompt prompt, double epsilon, boolean excludeFirstQuery,
            RunCancellation cancellation) throws ModelException {
        Analysis.checkEpsilon(epsilon);
        Executed e = execute(prompt, false, cancellation, new MetricsWanted(epsilon, excludeFirstQuery));
        if (e.analysis() != null) {
            return e.analysis();
        }
        cancellation.throwIfCancelled();
        return Analysis.of(e.output().attention(), epsilon, excludeFirstQuery);
    }

    /** What {@link #analyze} asks of a run beyond its attention. */
    private record MetricsWanted(double epsilon, boolean excludeFirstQuery) {
    }

    /** A run's output, and its analysis when it was measured on the way out (else null). */
    private record Executed(Output output, Analysis analysis) {
    }

    /** What one run returns: attention, and the hidden states when asked for and available. */
    public record Output(AttentionSet attention, Optional<HiddenStates> hidden) {
    }

    /** Runs the model once; with {@code withHidden}, also returns the residual stream when it is available. */
    public Output run(TokenizedPrompt prompt, boolean withHidden) throws ModelException {
        return run(prompt, withHidden, new RunCancellation());
    }

    /**
     * As {@link #run(TokenizedPrompt, boolean)}, stoppable from another thread through
     * {@code cancellation}: a cancelled run throws {@link RunCancellation.Cancelled} and keeps none
     * of its tensors. The session stays usable for the next run.
     */
    public Output run(TokenizedPrompt prompt, boolean withHidden, RunCancellation cancellation) throws ModelException {
        return execute(prompt, withHidden, cancellation, null).output();
    }

    private Executed execute(TokenizedPrompt prompt, boolean withHidden, RunCancellation cancellation,
            MetricsWanted metrics) throws ModelException {
        cancellation.throwIfCancelled();
        List<String> lengthNotes = checkRunnable(prompt, cancellation);
        notes.clear();
        notes.addAll(lengthNotes);
        List<AttentionTap> taps = inspection.attention().taps();
        Set<String> wanted = new LinkedHashSet<>();
        taps.forEach(t -> wanted.add(t.output()));
        boolean hidden = withHidden && hiddenSource.available();
        if (hidden) {
            wanted.addAll(hiddenSource.outputs());
        }
        OrtSession target = hidden ? hiddenSession() : session;
        long start = System.nanoTime();
        Map<String, OnnxTensor> inputs = feeder.tensors(env, prompt);
        Map<String, PinnedOutputs.Pinned> pinned = Map.of();
        OrtSession.Result result = null;
        try (OrtSession.RunOptions options = new OrtSession.RunOptions()) {
            pinned = pinnedOutputs.forLength(env, taps, prompt.length());
            cancellation.attach(options);
            if (pinned.isEmpty()) {
                result = target.run(inputs, wanted, options);
            } else {
                Set<String> requested = new LinkedHashSet<>(wanted);
                requested.removeAll(pinned.keySet());
                Map<String, OnnxTensor> into = new java.util.LinkedHashMap<>();
                pinned.forEach((name, p) -> into.put(name, p.tensor()));
                try {
                    result = target.run(inputs, requested, into, options);
                } catch (OrtException refused) {
                    if (cancellation.isCancelled()) {
                        throw refused;
                    }
                    // an export whose outputs the learned shapes do not fit: run as before, and stop pinning
                    pinnedOutputs.clear();
                    pinned.values().forEach(p -> p.tensor().close());
                    pinned = Map.of();
                    result = target.run(inputs, wanted, options);
                }
            }
            cancellation.throwIfCancelled();
            long inferred = System.nanoTime();
            AttentionSet attention;
            Analysis analysis = null;
            try {
                boolean tried = metrics != null && !pinned.isEmpty() && !hidden && captureMayShowCausality
                        && CausalRowMetrics.sweeps(taps.size(), prompt.length());
                if (tried) {
                    analysis = capturePinned(taps, prompt.length(), pinned, metrics);
                }
                // a capture that gave up leaves its arrays: a core may still be finishing a layer in them
                attention = analysis != null ? analysis.attention() : collect(result, taps, prompt.length(), pinned);
                // an encoder, or a causal model whose rows sum to 1 less closely than the capture asks:
                // later runs of this session go straight to the copy instead of sweeping twice
                captureMayShowCausality &= attention.causal() && (!tried || analysis != null);
            } catch (OutOfMemoryError e) {
                // the estimate said it fits, but memory went elsewhere meanwhile (another program, or
                // the heap too fragmented for one layer's array): the partial copy is dropped here
                throw MemoryBudget.ranOut(inspection.attention().layers(), Math.max(1, knownHeads), prompt.length());
            }
            lastRunTimes = new RunTimes(inferred - start, System.nanoTime() - inferred, analysis != null);
            knownHeads = attention.heads();
            return new Executed(new Output(attention, hidden ? Optional.of(collectHidden(result, prompt.length()))
                    : Optional.empty()), analysis);
        } catch (OrtException e) {
            if (cancellation.isCancelled()) {
                throw new RunCancellation.Cancelled();
            }
            throw OrtMessages.runFailure(e, prompt.length(), inspection);
        } finally {
            cancellation.detach();
            inputs.values().forEach(OnnxTensor::close);
            pinned.values().forEach(p -> p.tensor().close());
            closeRemaining(result);
        }
    }

    /** Closes the outputs not already freed layer by layer (Result.close would warn about those). */
    private static void closeRemaining(OrtSession.Result result) {
        if (result == null) {
            return;
        }
        for (Map.Entry<String, OnnxValue> e : result) {
            if (!e.getValue().isClosed()) {
                e.getValue().close();
            }
        }
    }

    private synchronized OrtSession hiddenSession() throws ModelException {
        if (hiddenSession == null) {
            byte[] model = AttentionExposer.exposedModel(graph, inspection.attention(), hiddenSource.outputs());
            try (Settings settings = sessionSettings()) {
                hiddenSession = env.createSession(model, settings.options());
            } catch (OrtException e) {
                throw new ModelException("cannot expose this model's hidden states (" + OrtMessages.firstLine(e)
                        + "): use the attention views, which do not need them", e);
            }
        }
        return hiddenSession;
    }

    private HiddenStates collectHidden(OrtSession.Result result, int t) throws ModelException, OrtException {
        List<String> names = hiddenSource.outputs();
        float[][] states = new float[names.size()][];
        int width = -1;
        for (int k = 0; k < names.size(); k++) {
            OnnxValue value = result.get(names.get(k)).orElse(null);
            FloatBuffer floats = value instanceof OnnxTensor t0 ? NativeFloats.of(t0) : null;
            if (!(value instanceof OnnxTensor tensor) || floats == null) {
                throw new ModelException("hidden state '" + names.get(k) + "' did not come back as floats: "
                        + "this export's residual stream cannot be read");
            }
            long[] shape = tensor.getInfo().getShape();
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            int w = (int) (count / t);
            if (w * (long) t != count || (width >= 0 && w != width)) {
                throw new ModelException("hidden state '" + names.get(k) + "' has shape " + java.util.Arrays.toString(shape)
                        + ", not [1, " + t + ", width]: this export's residual stream cannot be read");
            }
            width = w;
            states[k] = new float[(int) count];
            floats.get(states[k]);
        }
        return new HiddenStates(t, width, states);
    }

    /**
     * Where the last run's time went, for the benchmark's breakdown: the inference, and the copy of
     * the attention out of ONNX Runtime's buffers, checks included, and with {@code measured} the
     * metrics computed on the way as well.
     */
    public record RunTimes(long inferenceNanos, long copyNanos, boolean measured) {
    }

    private volatile RunTimes lastRunTimes = new RunTimes(0, 0, false);

    /** The last completed run's times (inputs in and ONNX Runtime's run; the copy out). */
    public RunTimes lastRunTimes() {
        return lastRunTimes;
    }

    /** Heads per layer, known once a run has shown them. */
    private volatile int knownHeads = -1;
    /** Guarded by the one-run-at-a-time contract of {@link #run}: ModelRunner and the CLI never overlap runs. */
    private final PinnedOutputs pinnedOutputs = new PinnedOutputs();
    private final ArrayPool arrayPool = new ArrayPool();
    /**
     * Whether {@link #analyze} tries to show causality while it captures (CausalCapture): until a run
     * is not causal, or is causal but the capture could not show it.
     */
    private volatile boolean captureMayShowCausality = true;
    /** Below this many tokens no run can be short of memory; above it, heads are learned from a short probe. */
    private static final int PROBE_ABOVE = 256;

    private void checkMemory(TokenizedPrompt prompt, RunCancellation cancellation) throws ModelException {
        if (prompt.length() <= PROBE_ABOVE) {
            return;
        }
        if (knownHeads < 0) {
            run(new TokenizedPrompt(java.util.Arrays.copyOf(prompt.ids(), 8), java.util.Arrays.copyOf(prompt.typeIds(), 8),
                    java.util.Arrays.copyOf(prompt.texts(), 8), prompt.bosPrepended()), false, cancellation);
        }
        int layers = inspection.attention().layers();
        if (MemoryBudget.attentionBytes(layers, knownHeads, prompt.length()) > PinnedOutputs.LIMIT_BYTES) {
            arrayPool.clear(); // a long run needs the heap the pooled arrays of short ones hold
        }
        MemoryBudget.check(layers, knownHeads, prompt.length());
    }

    /**
     * Refuses, as {@link #run} would and with the same message, a prompt this session cannot run
     * (tokens outside the vocabulary, a length the export cannot take, attention that cannot fit in
     * memory), without running it. Like {@code run} itself, it may first run an 8-token probe to
     * learn the head count (a prompt over 256 tokens before any run), which leaves that probe's
     * {@link #notes()} and {@link #lastRunTimes()}; like {@code run}, one call at a time.
     */
    public void checkRunnable(TokenizedPrompt prompt) throws ModelException {
        checkRunnable(prompt, new RunCancellation());
    }

    /** The checks of {@link #checkRunnable(TokenizedPrompt)}; returns notes about the prompt's length. */
    private List<String> checkRunnable(TokenizedPrompt prompt, RunCancellation cancellation) throws ModelException {
        if (closed) {
            throw new IllegalStateException("this model session is closed");
        }
        Vocabulary.check(prompt.ids(), vocabularyRows, tokenizer.orElse(null));
        List<String> lengthNotes = checkLength(prompt.length());
        checkMemory(prompt, cancellation);
        return lengthNotes;
    }

    /** Refuses lengths the export cannot take; returns notes about lengths it can take but was not trained on. */
    private List<String> checkLength(int t) throws ModelException {
        long fixed = feeder.fixedLength();
        if (fixed > 0 && t != fixed) {
            throw new ModelException("this export takes exactly " + fixed + " tokens and the prompt has " + t
                    + ": re-export the model with a dynamic sequence axis, or give exactly " + fixed + " tokens");
        }
        ModelConfig config = inspection.config();
        if (config.maxPositions().isPresent() && t > config.maxPositions().getAsInt()) {
            int max = config.maxPositions().getAsInt();
            String type = config.modelType().orElse("").toLowerCase(Locale.ROOT);
            if (LEARNED_POSITIONS.contains(type)) {
                throw new ModelException("the prompt has " + t + " tokens but this " + type + " model's position"
                        + " embeddings end at " + max + ": shorten the prompt to at most " + max + " tokens");
            }
            return List.of("the prompt has " + t + " tokens, past the " + max + " this model was trained on;"
                    + " its rotary positions extrapolate, so attention past " + max + " is outside its training");
        }
        return List.of();
    }

    private AttentionSet collect(OrtSession.Result result, List<AttentionTap> taps, int t,
            Map<String, PinnedOutputs.Pinned> pinned) throws ModelException, OrtException {
        if (!pinned.isEmpty()) {
            return collectPinned(taps, t, pinned);
        }
        float[][] layers = new float[taps.size()][];
        int heads = -1;
        boolean causal = true;
        for (AttentionTap tap : taps) {
            OnnxValue value = result.get(tap.output()).orElseThrow(() -> new ModelException(
                    "ONNX Runtime returned no value for attention output '" + tap.output() + "': export the model again"));
            if (!(value instanceof OnnxTensor tensor)) {
                throw new ModelException("attention output '" + tap.output() + "' is not a tensor: export the model again");
            }
            long[] shape = tensor.getInfo().getShape();
            FloatBuffer buf = NativeFloats.of(tensor);
            if (buf == null) {
                throw new ModelException("attention output '" + tap.output() + "' holds " + tensor.getInfo().type
                        + " values, not floats: export the model in float32 or float16");
            }
            heads = sameHeads(heads, headsOf(shape, t, tap), tap);
            layers[tap.layer()] = new float[heads * t * t];
            causal &= AttentionCopy.copyChecked(buf, layers[tap.layer()], heads, t, tap);
            if (tensor.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                pinnedOutputs.remember(tap.output(), shape); // float16 outputs are converted here, never pinned
            }
            // free this layer's native copy now rather than with the whole result, so that at most one
            // layer is held twice (peak memory ~ attention + one layer, not twice the attention)
            tensor.close();
        }
        return new AttentionSet(heads, t, layers, causal);
    }

    /**
     * The attention ONNX Runtime wrote into the pinned buffers: small runs only, so the layers are
     * copied and checked on all cores at once, into the arrays of an earlier run when one is free.
     */
    private AttentionSet collectPinned(List<AttentionTap> taps, int t, Map<String, PinnedOutputs.Pinned> pinned)
            throws ModelException {
        int h = pinnedHeads(taps, t, pinned);
        float[][] reused = arrayPool.take(taps.size(), h * t * t);
        float[][] layers = new float[taps.size()][];
        boolean[] causal = new boolean[taps.size()];
        ModelException[] failed = new ModelException[taps.size()];
        java.util.stream.IntStream.range(0, taps.size()).parallel().forEach(k -> {
            AttentionTap tap = taps.get(k);
            float[] data = reused != null ? reused[tap.layer()] : new float[h * t * t];
            try {
                causal[k] = AttentionCopy.copyChecked(pinned.get(tap.output()).data(), data, h, t, tap);
                layers[tap.layer()] = data;
            } catch (ModelException e) {
                failed[k] = e;
            }
        });
        for (ModelException e : failed) {
            if (e != null) {
                throw e; // the lowest layer's, whichever thread found it first
            }
        }
        boolean all = true;
        for (boolean c : causal) {
            all &= c;
        }
        AttentionSet set = new AttentionSet(h, t, layers, all);
        arrayPool.lend(set, layers);
        return set;
    }

    /**
     * The attention ONNX Runtime wrote into the pinned buffers, copied into {@code layers} and
     * measured row by row on all cores ({@link CausalCapture}); null when it is not shown to be
     * causal probabilities, for the caller to copy it with every check.
     */
    private Analysis capturePinned(List<AttentionTap> taps, int t, Map<String, PinnedOutputs.Pinned> pinned,
            MetricsWanted metrics) throws ModelException {
        int heads = pinnedHeads(taps, t, pinned);
        float[][] layers = layerArrays(taps.size(), heads, t);
        FloatBuffer[] from = new FloatBuffer[taps.size()];
        taps.forEach(tap -> from[tap.layer()] = pinned.get(tap.output()).data());
        CausalRowMetrics measured = CausalCapture.measure(from, layers, heads, t, metrics.excludeFirstQuery());
        if (measured == null) {
            return null;
        }
        AttentionSet set = new AttentionSet(heads, t, layers, true);
        arrayPool.lend(set, layers);
        return measured.analysis(set, metrics.epsilon());
    }

    /** Heads per layer of a pinned run, the same in every layer. */
    private static int pinnedHeads(List<AttentionTap> taps, int t, Map<String, PinnedOutputs.Pinned> pinned)
            throws ModelException {
        int heads = -1;
        for (AttentionTap tap : taps) {
            heads = sameHeads(heads, headsOf(pinned.get(tap.output()).shape(), t, tap), tap);
        }
        return heads;
    }

    /**
     * Layer arrays with zeros above every diagonal, for a causal run to store its rows up to it:
     * those of an earlier causal run whose set is gone, else nulls, for each core to allocate the
     * layers it takes (the zeroing of fresh arrays is a fair part of the copy, and shared that way).
     */
    private float[][] layerArrays(int layers, int heads, int t) {
        float[][] reused = arrayPool.take(layers, heads * t * t, true);
        return reused != null ? reused : new float[layers][];
    }

    private static int sameHeads(int earlier, int heads, AttentionTap tap) throws ModelException {
        if (earlier >= 0 && heads != earlier) {
            throw new ModelException("layer " + tap.layer() + " has " + heads + " heads where earlier layers have " + earlier
                    + ": SinkScope needs the same head count in every layer");
        }
        return heads;
    }

    /** Heads from an attention output shaped [1, H, T, T], [H, T, T] or [1, KV, G, T, T]. */
    private static int headsOf(long[] shape, int t, AttentionTap tap) throws ModelException {
        if (shape.length < 3 || shape[shape.length - 1] != t || shape[shape.length - 2] != t) {
            throw new ModelException("attention output '" + tap.output() + "' has shape " + java.util.Arrays.toString(shape)
                    + ", expected [batch, heads, " + t + ", " + t + "]: this node is not self-attention over the prompt");
        }
        long h = 1;
        for (int i = shape.length == 3 ? 0 : 1; i < shape.length - 2; i++) {
            h *= shape[i];
        }
        if (shape.length > 3 && shape[0] != 1) {
            throw new ModelException("attention output '" + tap.output() + "' has batch " + shape[0] + ", expected 1");
        }
        return Math.toIntExact(h);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pinnedOutputs.clear();
        arrayPool.clear();
        closeQuietly(session);
        synchronized (this) {
            if (hiddenSession != null) {
                closeQuietly(hiddenSession);
            }
        }
        tokenizer.ifPresent(PromptTokenizer::close);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // nothing a user can do; the native memory is released with the process
        }
    }

}
