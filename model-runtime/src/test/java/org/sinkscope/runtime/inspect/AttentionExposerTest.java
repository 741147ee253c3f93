package org.sinkscope.runtime.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sinkscope.runtime.hidden.HiddenSource;
import org.sinkscope.runtime.hidden.HiddenStateLocator;
import org.sinkscope.runtime.onnx.OnnxGraph;
import org.sinkscope.runtime.onnx.proto.Onnx.AttributeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.GraphProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ModelProto;
import org.sinkscope.runtime.onnx.proto.Onnx.NodeProto;
import org.sinkscope.runtime.onnx.proto.Onnx.TensorProto;
import org.sinkscope.runtime.onnx.proto.Onnx.ValueInfoProto;
import org.sinkscope.runtime.source.ModelConfig;
import org.sinkscope.runtime.source.ModelSource;

/** The exposed graph outputs the attention (and what else is asked for) and computes nothing beyond it. */
class AttentionExposerTest {

    @Test
    void theExposedLlamaEndsAtItsLastAttentionWithoutTheOutputHead() throws Exception {
        ModelSource source = ModelSource.resolve("demo:tinysink-llama");
        OnnxGraph graph = OnnxGraph.read(source.modelFile());
        AttentionSource attention = Inspector.inspect(source, graph, ModelConfig.read(source), Optional.empty()).attention();

        GraphProto exposed = ModelProto.parseFrom(AttentionExposer.exposedModel(graph, attention, List.of())).getGraph();

        List<String> taps = attention.taps().stream().map(AttentionTap::output).toList();
        assertThat(exposed.getOutputList()).extracting(ValueInfoProto::getName).containsExactlyElementsOf(taps);
        Set<String> produced = new HashSet<>();
        exposed.getNodeList().forEach(n -> produced.addAll(n.getOutputList()));
        assertThat(produced).as("the logits are not computed").doesNotContain("logits");
        assertThat(exposed.getNodeCount()).isLessThan(graph.nodes().size());
        // every kept initializer is read by a kept node, and the inputs stay as the feeder fills them
        Set<String> read = new HashSet<>();
        exposed.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        assertThat(exposed.getInitializerList()).extracting(TensorProto::getName).allMatch(read::contains);
        assertThat(exposed.getInputList()).isEqualTo(graph.graph().getInputList());
    }

    @Test
    void extraOutputsAreKeptWithTheWorkTheyNeed() throws Exception {
        ModelSource source = ModelSource.resolve("demo:tinysink-llama");
        OnnxGraph graph = OnnxGraph.read(source.modelFile());
        AttentionSource attention = Inspector.inspect(source, graph, ModelConfig.read(source), Optional.empty()).attention();
        HiddenSource hidden = HiddenStateLocator.locate(graph, attention);
        assertThat(hidden.available()).isTrue();

        GraphProto exposed = ModelProto.parseFrom(AttentionExposer.exposedModel(graph, attention, hidden.outputs()))
                .getGraph();

        assertThat(exposed.getOutputList()).extracting(ValueInfoProto::getName).containsAll(hidden.outputs());
        Set<String> produced = new HashSet<>();
        exposed.getNodeList().forEach(n -> produced.addAll(n.getOutputList()));
        assertThat(produced).containsAll(hidden.outputs());
    }

    @Test
    void aValueReadOnlyInsideASubgraphKeepsItsProducer() {
        // x -> Relu -> r ; If(cond) { then: Identity(r) -> t ; else: Identity(x) -> e } -> y ; x -> Neg -> unused
        GraphProto thenBranch = GraphProto.newBuilder().setName("then")
                .addNode(node("Identity", "r", "t")).addOutput(ValueInfoProto.newBuilder().setName("t")).build();
        GraphProto elseBranch = GraphProto.newBuilder().setName("else")
                .addNode(node("Identity", "x", "e")).addOutput(ValueInfoProto.newBuilder().setName("e")).build();
        NodeProto ifNode = NodeProto.newBuilder().setOpType("If").addInput("cond").addOutput("y")
                .addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH)
                        .setG(thenBranch))
                .addAttribute(AttributeProto.newBuilder().setName("else_branch").setType(AttributeProto.AttributeType.GRAPH)
                        .setG(elseBranch))
                .build();
        GraphProto.Builder g = GraphProto.newBuilder()
                .addNode(node("Relu", "x", "r"))
                .addNode(node("Neg", "x", "unused"))
                .addNode(ifNode)
                .addInitializer(TensorProto.newBuilder().setName("w_unused"))
                .addValueInfo(ValueInfoProto.newBuilder().setName("unused"))
                .addValueInfo(ValueInfoProto.newBuilder().setName("r"));

        AttentionExposer.keepOnlyWhatFeeds(g, Set.of("y"));

        assertThat(g.getNodeList()).extracting(NodeProto::getOpType).containsExactly("Relu", "If");
        assertThat(g.getInitializerList()).isEmpty();
        assertThat(g.getValueInfoList()).extracting(ValueInfoProto::getName).containsExactly("r");
    }

    private static NodeProto node(String op, String in, String out) {
        return NodeProto.newBuilder().setOpType(op).addInput(in).addOutput(out).build();
    }
}
