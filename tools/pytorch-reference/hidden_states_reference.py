"""PyTorch hidden-state references for SinkScope's golden tests (METRICS.md section 4).

For each case in cases.json (a demo model, a prompt's token ids, a position and a single-token
replacement) this runs the model in PyTorch, once on the prompt and once on the perturbed prompt,
takes the hidden states h^(0..L) (state 0 = embedding output, the last one after the final norm,
as transformers' output_hidden_states gives them) and writes:
  relativeChange[s][j]     = ||h_j^(s)(x) - h_j^(s)(x')|| / ||h_j^(s)(x)||
  meanPairwiseCosine[s]    = mean over pairs j < k, j, k >= 1, of cos(h_j^(s), h_k^(s))
  rankCollapseResidual[s]  = ||X - 1 xbar^T||_F / ||X||_F over rows j >= 1
  tokenNorms[s][j]         = ||h_j^(s)||
all in float64 from the float32 states.

The forward pass is the model zoo's own plain-PyTorch re-implementation of the Hugging Face eager
forward (LlamaExport / GPT2Export in ../shared/models/scripts/zoo_lib.py, which the zoo verified
against transformers). Its weights are read from the shipped ONNX file's initializers, which carry
the zoo's parameter names one to one. Before writing anything the script reruns the zoo's own
PyTorch reference prompts (reference/tinysink-llama.npz: token ids, attentions and logits from
transformers) and stops unless logits and attentions agree within 1e-4, so the states below are
those of the same model transformers ran.

Run (Debian: apt-get install python3-torch python3-numpy python3-onnx):
  /usr/bin/python3 tools/pytorch-reference/hidden_states_reference.py \
      --zoo-scripts ../shared/models/scripts --reference ../shared/reference/tinysink-llama.npz \
      --out model-runtime/src/test/resources/fixtures/reference/pytorch-hidden-states.json
"""
import argparse
import json
import os
import sys
import types

import numpy as np
import onnx
from onnx import numpy_helper
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DEMOS = os.path.join(HERE, "..", "..", "assets", "src", "main", "resources", "sinkscope", "demos")


def ns(**kw):
    return types.SimpleNamespace(**kw)


def lin(w_t):
    """an nn.Linear look-alike holding weight = w_t^T (the export wrappers transpose it back)"""
    return ns(weight=torch.from_numpy(w_t.copy()).t(), bias=None)


def load_llama(zoo, path, cfg):
    w = {t.name: numpy_helper.to_array(t).copy() for t in onnx.load(path).graph.initializer}
    layers = []
    for i in range(cfg["num_hidden_layers"]):
        p = lambda n: w[f"layers.{i}.{n}"]
        layers.append(ns(self_attn=ns(q_proj=lin(p("wq")), k_proj=lin(p("wk")), v_proj=lin(p("wv")), o_proj=lin(p("wo"))),
                         mlp=ns(gate_proj=lin(p("wg")), up_proj=lin(p("wu")), down_proj=lin(p("wd"))),
                         input_layernorm=ns(weight=torch.from_numpy(p("ln1"))),
                         post_attention_layernorm=ns(weight=torch.from_numpy(p("ln2")))))
    hd = cfg["head_dim"]
    theta = cfg["rope_parameters"]["rope_theta"]
    # transformers' default rope: 1 / theta^(arange(0, d, 2) / d), int64 arange cast to float
    inv_freq = 1.0 / (theta ** (torch.arange(0, hd, 2, dtype=torch.int64).float() / hd))
    model = ns(embed_tokens=ns(weight=torch.from_numpy(w["E_T"]).t()), layers=layers,
               norm=ns(weight=torch.from_numpy(w["norm"])), rotary_emb=ns(inv_freq=inv_freq, attention_scaling=1.0))
    config = ns(num_hidden_layers=cfg["num_hidden_layers"], num_attention_heads=cfg["num_attention_heads"],
                num_key_value_heads=cfg["num_key_value_heads"], hidden_size=cfg["hidden_size"], head_dim=hd,
                rms_norm_eps=cfg["rms_norm_eps"])
    m = zoo.LlamaExport(ns(model=model, config=config), mode="A", last_hidden_normed=True).eval()
    check_all_weights_used(m, w)
    return m


def load_gpt2(zoo, path, cfg):
    w = {t.name: numpy_helper.to_array(t).copy() for t in onnx.load(path).graph.initializer}
    t = lambda n: torch.from_numpy(w[n])
    blocks = []
    for i in range(cfg["n_layer"]):
        p = lambda n: t(f"layers.{i}.{n}")
        blocks.append(ns(ln_1=ns(weight=p("ln1w"), bias=p("ln1b")),
                         attn=ns(c_attn=ns(weight=p("wqkv"), bias=p("bqkv")), c_proj=ns(weight=p("wo"), bias=p("bo"))),
                         ln_2=ns(weight=p("ln2w"), bias=p("ln2b")),
                         mlp=ns(c_fc=ns(weight=p("wfc"), bias=p("bfc")), c_proj=ns(weight=p("wpr"), bias=p("bpr")))))
    transformer = ns(wte=ns(weight=t("E_T").t()), wpe=ns(weight=t("wpe")), h=blocks,
                     ln_f=ns(weight=t("lnfw"), bias=t("lnfb")))
    config = ns(n_layer=cfg["n_layer"], n_head=cfg["n_head"], n_embd=cfg["n_embd"],
                layer_norm_epsilon=cfg["layer_norm_epsilon"], activation_function=cfg["activation_function"])
    m = zoo.GPT2Export(ns(transformer=transformer, config=config), mode="A", last_hidden_normed=True).eval()
    check_all_weights_used(m, w)
    return m


def check_all_weights_used(module, onnx_weights):
    """every ONNX initializer with a parameter's name holds exactly that parameter"""
    params = dict(module.named_parameters())
    for name, value in onnx_weights.items():
        if name in params:
            assert np.array_equal(params[name].numpy(), value), name
    missing = [n for n in params if n not in onnx_weights]
    assert not missing, f"parameters not found among the ONNX initializers: {missing}"


def forward(model, ids):
    """(logits [T,V], attentions [L,H,T,T], hidden states [L+1,T,D]) of one unpadded sequence"""
    x = torch.tensor([ids], dtype=torch.int64)
    with torch.no_grad():
        out = model(x, torch.ones_like(x))
    n_layers = len(model.layers)
    logits = out[0][0]
    attns = torch.stack([a[0] for a in out[1:1 + n_layers]])
    hidden = torch.stack([h[0] for h in out[1 + n_layers:]])
    return logits.numpy(), attns.numpy(), hidden.numpy()


def verify_against_transformers(model, reference_npz):
    """the largest |difference| to transformers' logits, attentions and first-token scores"""
    ref = np.load(reference_npz)
    worst = 0.0
    for p in ("p12", "p40", "p100", "p300"):
        ids = ref[f"{p}_token_ids"].astype(np.int64).tolist()
        logits, attns, _ = forward(model, ids)
        pairs = [(logits[-1], ref[f"{p}_logits_last"]), (attns[..., 0].mean(-1), ref[f"{p}_alpha"])]
        if f"{p}_logits" in ref.files:
            pairs.append((logits, ref[f"{p}_logits"]))
        stored = ref[f"{p}_attentions"]
        if stored.dtype == np.float32:
            pairs.append((attns, stored))
        else:  # p300's attention was stored as float16: compare within half its ulp at 1.0
            assert np.abs(attns - stored.astype(np.float32)).max() < 5e-4, p
        for ours, theirs in pairs:
            worst = max(worst, float(np.abs(ours - theirs).max()))
    print(f"tinysink-llama vs transformers' reference (p12, p40, p100, p300): max |diff| = {worst:.2e}")
    if worst > 1e-4:
        sys.exit("the PyTorch forward does not reproduce the transformers reference within 1e-4")
    return worst


def relative_change(a, b):
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    norm = np.linalg.norm(a, axis=-1)
    diff = np.linalg.norm(a - b, axis=-1)
    return np.where(norm == 0, 0.0, diff / np.where(norm == 0, 1.0, norm))


def collapse(state):
    x = state.astype(np.float64)[1:]
    n = x.shape[0]
    norms = np.linalg.norm(x, axis=-1)
    unit = x / norms[:, None]
    cos = unit @ unit.T
    mean_cos = float((cos.sum() - np.trace(cos)) / (n * (n - 1))) if n >= 2 else 0.0
    residual = float(np.linalg.norm(x - x.mean(axis=0)) / np.linalg.norm(x)) if n >= 1 else 0.0
    return mean_cos, residual


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zoo-scripts", required=True)
    ap.add_argument("--reference", required=True)
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.json"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    sys.path.insert(0, args.zoo_scripts)
    import zoo_lib
    torch.set_num_threads(1)  # one thread: the sums are taken in one fixed order

    models = {}

    def model(name):
        if name not in models:
            folder = os.path.join(DEMOS, name)
            cfg = json.load(open(os.path.join(folder, "config.json")))
            path = os.path.join(folder, "model.onnx")
            models[name] = (load_llama if cfg["model_type"] == "llama" else load_gpt2)(zoo_lib, path, cfg)
        return models[name]

    check = verify_against_transformers(model("tinysink-llama"), args.reference)
    out_cases = []
    for case in json.load(open(args.cases))["cases"]:
        m = model(case["model"])
        ids = case["ids"]
        perturbed = list(ids)
        perturbed[case["position"]] = case["replacementId"]
        _, _, h = forward(m, ids)
        _, _, hp = forward(m, perturbed)
        stats = [collapse(s) for s in h]
        out_cases.append(dict(case, perturbedIds=perturbed,
                              relativeChange=relative_change(h, hp).tolist(),
                              tokenNorms=np.linalg.norm(h.astype(np.float64), axis=-1).tolist(),
                              meanPairwiseCosine=[s[0] for s in stats],
                              rankCollapseResidual=[s[1] for s in stats]))
        print(f"{case['model']:22s} bos={case['bos']!s:5s} T={len(ids):3d} states={h.shape[0]} "
              f"final-layer mean change after the token = {relative_change(h, hp)[-1][case['position'] + 1:].mean():.4f}")
    doc = dict(source=f"PyTorch {torch.__version__}, float32, CPU, one thread; zoo_lib LlamaExport/GPT2Export "
                      f"forward with the ONNX files' weights; agrees with transformers' reference within {check:.1e}",
               script="tools/pytorch-reference/hidden_states_reference.py",
               cases=out_cases)
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
