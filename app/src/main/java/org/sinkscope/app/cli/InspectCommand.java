package org.sinkscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sinkscope.runtime.attention.AttentionSet;
import org.sinkscope.runtime.hidden.HiddenSource;
import org.sinkscope.runtime.inspect.AttentionTap;
import org.sinkscope.runtime.inspect.Inspection;
import org.sinkscope.runtime.session.ModelSession;
import org.sinkscope.runtime.source.DemoCatalog;
import org.sinkscope.runtime.source.DemoModel;
import org.sinkscope.runtime.source.ModelSource;
import org.sinkscope.runtime.tokenize.TokenizedPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sinkscope inspect MODEL [--json]}: what the model is and where its attention comes from. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a model's inputs and outputs, layers x heads, where attention comes from, and its tokenizer."
                + " `inspect demo:` lists the demo models.")
final class InspectCommand implements Callable<Integer> {
    /** A short prompt run once to learn the head count and check that attention comes out. */
    static final String PROBE_PROMPT = "The cat sat on the mat.";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "an .onnx file, a folder holding one, or demo:NAME")
    String model;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (model.equals(ModelSource.DEMO_PREFIX)) {
            listDemos(out);
            return 0;
        }
        ModelSource source = ModelSource.resolve(model);
        try (ModelSession session = ModelSession.open(source)) {
            Inspection ins = session.inspection();
            TokenizedPrompt probe = session.tokenizer().isPresent() ? session.tokenize(PROBE_PROMPT, true)
                    : session.fromIds(new long[] {1, 2, 3, 4, 5, 6});
            AttentionSet a = session.run(probe);
            HiddenSource hidden = session.hiddenSource();
            if (json) {
                out.println(toJson(ins, a, hidden));
            } else {
                printText(out, ins, a, hidden);
            }
        }
        return 0;
    }

    private void listDemos(PrintWriter out) {
        for (DemoModel d : DemoCatalog.standard().list()) {
            out.printf("%-28s %s%s%n", ModelSource.DEMO_PREFIX + d.name(), d.title(), d.isDefault() ? "  [default]" : "");
        }
    }

    private static void printText(PrintWriter out, Inspection ins, AttentionSet a, HiddenSource hidden) {
        out.println("model:      " + ins.source().modelFile().toAbsolutePath());
        out.println("sha256:     " + ins.sha256());
        out.println("size:       " + ins.fileBytes() + " bytes" + (ins.externalData() ? " (+ external data)" : ""));
        out.println("producer:   " + (ins.producer().isEmpty() ? "(not stated)" : ins.producer()));
        out.println("opsets:     " + String.join(", ", ins.opsets()));
        out.println("inputs:");
        ins.inputs().forEach(i -> out.println("  " + i));
        out.println("outputs:");
        ins.outputs().forEach(o -> out.println("  " + o));
        out.println("layers x heads: " + a.layers() + " x " + a.heads() + (a.causal() ? " (causal)" : " (bidirectional)"));
        out.println("attention:  " + ins.attention().kind().id() + " - " + ins.attention().detail());
        for (AttentionTap t : ins.attention().taps()) {
            out.println("  layer " + t.layer() + ": " + t.opType() + " '" + t.node() + "' -> " + t.output());
        }
        out.println("hidden states: " + hidden.kind() + " - " + hidden.detail());
        out.println("tokenizer:  " + ins.tokenizer().orElse("none (analyze needs --ids)"));
        out.println("BOS token:  " + (ins.bosId().isPresent()
                ? "'" + ins.bosText().orElse("?") + "' (id " + ins.bosId().getAsInt() + "), prepended unless --no-bos"
                : "none defined"));
        ins.config().maxPositions().ifPresent(m -> out.println("context:    " + m + " positions (config.json)"));
    }

    private static String toJson(Inspection ins, AttentionSet a, HiddenSource hidden) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("path", ins.source().modelFile().toAbsolutePath().toString());
        root.put("sha256", ins.sha256());
        root.put("bytes", ins.fileBytes());
        root.put("externalData", ins.externalData());
        root.put("producer", ins.producer());
        ArrayNode opsets = root.putArray("opsets");
        ins.opsets().forEach(opsets::add);
        ArrayNode inputs = root.putArray("inputs");
        ins.inputs().forEach(i -> tensor(inputs.addObject(), i));
        ArrayNode outputs = root.putArray("outputs");
        ins.outputs().forEach(o -> tensor(outputs.addObject(), o));
        root.put("layers", a.layers());
        root.put("heads", a.heads());
        root.put("causal", a.causal());
        root.put("attentionSource", ins.attention().kind().id());
        root.put("attentionDetail", ins.attention().detail());
        ArrayNode taps = root.putArray("attentionNodes");
        for (AttentionTap t : ins.attention().taps()) {
            ObjectNode n = taps.addObject();
            n.put("layer", t.layer());
            n.put("op", t.opType());
            n.put("node", t.node());
            n.put("output", t.output());
        }
        ObjectNode h = root.putObject("hiddenStates");
        h.put("source", hidden.kind());
        h.put("detail", hidden.detail());
        ArrayNode hiddenOutputs = h.putArray("values");
        hidden.outputs().forEach(hiddenOutputs::add);
        if (ins.tokenizer().isPresent()) {
            root.put("tokenizer", ins.tokenizer().get());
        } else {
            root.putNull("tokenizer");
        }
        if (ins.bosId().isPresent()) {
            root.putObject("bos").put("id", ins.bosId().getAsInt()).put("text", ins.bosText().orElse(""));
        } else {
            root.putNull("bos");
        }
        ins.config().maxPositions().ifPresent(m -> root.put("maxPositions", m));
        return mapper.writeValueAsString(root);
    }

    private static void tensor(ObjectNode n, Inspection.TensorInfo t) {
        n.put("name", t.name());
        n.put("type", t.type());
        ArrayNode dims = n.putArray("dims");
        t.dims().forEach(dims::add);
    }
}
