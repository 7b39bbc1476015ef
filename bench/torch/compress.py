#!/usr/bin/env python3
"""PyTorch's side of `castnet compress`, on the same Fashion MLP (784-256-128-10 relu, softmax + cross-entropy,
Adam lr 1e-3, batch 64, 3 epochs, pixels / 255), measured as castnet measures:

  float               the trained model
  dynamic int8        torch.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
  pruned 80%          torch.nn.utils.prune.global_unstructured(L1Unstructured, amount=0.8), no fine-tuning
  pruned 80% + ft     the same, then FINETUNE epochs with the masks fixed (prune's reparametrization)
  pruned + ft + int8  that model, pruning made permanent, then quantize_dynamic

For each: test accuracy, the bytes of torch.save(state_dict()) (what a PyTorch user ships), the non-zero weights,
and one-sample predict time in microseconds (200 warm-up calls, then ROUNDS rounds of 1000 calls over the first
1000 test images, the fastest round, as castnet's PredictTiming does).

Usage: python3 compress.py [DATA_DIR] [threads] [finetune epochs]
threads defaults to 1: one-sample predict is single-threaded in both frameworks, and on a busy two-core machine
PyTorch's second OpenMP thread spins and makes training steps about 25 times slower.
DATA_DIR holds the four Fashion-MNIST IDX .gz files (default /usr/share/datasets/fashion-mnist). Give PyTorch its
real speed where the environment pins OpenBLAS to old kernels: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE.
Prints one JSON line per model."""
import gzip, io, json, os, struct, sys, time
import numpy as np
import torch, torch.nn as nn
import torch.nn.utils.prune as prune

ROUNDS = 15


def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    magic, = struct.unpack('>I', data[:4])
    nd = magic & 0xff
    dims = struct.unpack('>' + 'I' * nd, data[4:4 + 4 * nd])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)


def load(d):
    x = lambda f: torch.from_numpy(idx(os.path.join(d, f)).reshape(-1, 784).astype(np.float32) / 255)
    y = lambda f: torch.from_numpy(idx(os.path.join(d, f)).astype(np.int64))
    return (x('train-images-idx3-ubyte.gz'), y('train-labels-idx1-ubyte.gz'),
            x('t10k-images-idx3-ubyte.gz'), y('t10k-labels-idx1-ubyte.gz'))


def train(model, xtr, ytr, epochs, generator):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    lossf = nn.CrossEntropyLoss()
    for _ in range(epochs):
        model.train()
        perm = torch.randperm(len(xtr), generator=generator)
        for s in range(0, len(xtr), 64):
            ix = perm[s:s + 64]
            opt.zero_grad(set_to_none=True)
            lossf(model(xtr[ix]), ytr[ix]).backward()
            opt.step()


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def state_bytes(model):
    b = io.BytesIO()
    torch.save(model.state_dict(), b)
    return len(b.getvalue())


def nonzero(model):
    """Non-zero weights of the Linear layers (int8 values for quantized ones)."""
    n = 0
    for m in model.modules():
        if isinstance(m, torch.nn.quantized.dynamic.Linear):
            n += int((m.weight().int_repr() != 0).sum())
        elif isinstance(m, nn.Linear):
            n += int((m.weight != 0).sum())
    return n


def permanent(model):
    """A plain MLP holding the pruned model's effective weights (prune.remove's result): what would be shipped."""
    c = mlp()
    with torch.no_grad():
        pruned = [m for m in model if isinstance(m, nn.Linear)]
        for src, dst in zip(pruned, [m for m in c if isinstance(m, nn.Linear)]):
            dst.weight.copy_(src.weight)
            dst.bias.copy_(src.bias)
    return c


def predict_us(model, x):
    model.eval()
    with torch.no_grad():
        for i in range(200):
            model(x[i:i + 1])
        best = float('inf')
        for _ in range(ROUNDS):
            t0 = time.perf_counter()
            for i in range(1000):
                model(x[i:i + 1]).argmax(1)
            best = min(best, (time.perf_counter() - t0) / 1000)
    return best * 1e6


def report(name, model, xte, yte):
    print(json.dumps({'model': name, 'accuracy': round(accuracy(model, xte, yte), 4), 'bytes': state_bytes(model),
                      'nonzero_weights': nonzero(model), 'predict_us': round(predict_us(model, xte), 2)}), flush=True)


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/datasets/fashion-mnist'
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    finetune = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    xtr, ytr, xte, yte = load(d)
    model = mlp()
    train(model, xtr, ytr, 3, g)
    report('float', model, xte, yte)
    report('dynamic int8', torch.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8), xte, yte)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    prune.global_unstructured([(m, 'weight') for m in linears], pruning_method=prune.L1Unstructured, amount=0.8)
    report('pruned 80%', permanent(model), xte, yte)
    train(model, xtr, ytr, finetune, g)
    tuned = permanent(model)
    report('pruned 80%% + %d epochs' % finetune, tuned, xte, yte)
    report('pruned 80%% + %d epochs + dynamic int8' % finetune,
           torch.quantization.quantize_dynamic(tuned, {nn.Linear}, dtype=torch.qint8), xte, yte)


if __name__ == '__main__':
    main()
