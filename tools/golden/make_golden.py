#!/usr/bin/env python3
"""Makes castnet's PyTorch parity cases (see README.md beside this file).

    python3 tools/golden/make_golden.py                 # every case of CASES, into cases/ and layers/
    python3 tools/golden/make_golden.py --only TanhSgd  # some of them
    python3 tools/golden/make_golden.py --check DIR     # replay DIR's cases through these models

Each case is a `.nn` spec; a small interpreter of the `.nn` subset below turns it into PyTorch modules
(torch.nn layers, torch.optim optimizers, torch.nn.functional losses) in float64, trains it for a few
steps on random batches and records everything a generated class must reproduce.
"""

import argparse
import json
import math
import os
import re
import sys
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------------------------- castnet's generator

M64 = (1 << 64) - 1


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


def _mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


class Rng:
    """dev.castnet.runtime.Rng: xoshiro256** seeded through SplitMix64, draw for draw."""

    def __init__(self, seed):
        x = seed & M64
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M64
            self.s.append(_mix(x))

    def next_long(self):
        s0, s1, s2, s3 = self.s
        result = (_rotl((s1 * 5) & M64, 7) * 9) & M64
        t = (s1 << 17) & M64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = _rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53


# ----------------------------------------------------------------------------------------------- the .nn subset

class SpecError(Exception):
    pass


def _number(text):
    try:
        v = float(text)
    except ValueError:
        return None
    return int(v) if re.fullmatch(r"[+-]?\d+", text) else v


class Statement:
    def __init__(self, line, words):
        self.line = line
        self.keyword = words[0]
        self.args = []
        self.options = {}
        for w in words[1:]:
            if "=" in w:
                k, v = w.split("=", 1)
                self.options[k] = v
            else:
                self.args.append(w)

    def fail(self, message):
        raise SpecError("line %d (%s): %s" % (self.line, self.keyword, message))

    def check(self, nargs, options):
        if len(self.args) not in (nargs if isinstance(nargs, tuple) else (nargs,)):
            self.fail("expected %s argument(s), got %s" % (nargs, self.args))
        unknown = set(self.options) - set(options)
        if unknown:
            self.fail("unknown option(s) %s; this script knows %s" % (sorted(unknown), sorted(options)))

    def num(self, i=0):
        v = _number(self.args[i])
        if v is None:
            self.fail("expected a number, got %r" % self.args[i])
        return v

    def opt(self, key, default):
        if key not in self.options:
            return default
        v = self.options[key]
        if isinstance(default, bool):
            if v not in ("true", "false"):
                self.fail("%s must be true or false" % key)
            return v == "true"
        if isinstance(default, (int, float)) and not isinstance(default, bool):
            n = _number(v)
            if n is None:
                self.fail("%s must be a number, got %r" % (key, v))
            return n
        return v


def parse(text):
    """The statements of the one network block of a .nn text, `train { }` and `search { }` blocks skipped."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    name = None
    statements = []
    depth = 0  # 1 inside the network block; its train { } and search { } blocks are deeper
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.split("//")[0]
        for part in line.split(";"):
            words = part.replace("{", " { ").replace("}", " } ").split()
            if not words or words[0] in ("castnet", "package"):
                continue
            if words[0] == "network":
                name = words[1]
                depth += words.count("{")
                continue
            if depth == 1 and "{" not in words and words[0] != "}":
                statements.append(Statement(number, [w for w in words if w != "}"]))
            depth += words.count("{") - words.count("}")
    if name is None:
        raise SpecError("no network block")
    return name, statements


def dims(text):
    return tuple(int(d) for d in text.split("x"))


def size(shape):
    return math.prod(shape)


# ----------------------------------------------------------------------------------------------- layers
#
# Activations travel in castnet's layout: [B, N], [B, T, F] for a sequence, [B, H, W, C] for an image
# (channels last), so flattening and dropout masks follow castnet's row-major order; image layers permute
# to PyTorch's NCHW around their torch.nn module and back.

class Tensor:
    """One castnet tensor: its name, castnet shape, the torch tensor behind it and the permutation
    that takes the torch tensor to castnet's layout."""

    def __init__(self, name, torch_tensor, perm=None, trainable=True):
        self.name = name
        self.t = torch_tensor
        self.perm = perm
        self.trainable = trainable
        self.shape = list(self._castnet(torch_tensor).shape)

    def _castnet(self, t):
        return t.permute(*self.perm) if self.perm else t

    def read(self, t=None):
        return self._castnet((self.t if t is None else t).detach()).contiguous().reshape(-1).tolist()

    def write(self, flat):
        v = torch.tensor(flat, dtype=self.t.dtype)
        if v.numel() != self.t.numel():
            raise SpecError("%s has %d values, expected %d" % (self.name, v.numel(), self.t.numel()))
        v = v.reshape(self.shape)
        if self.perm:
            inverse = [0] * len(self.perm)
            for i, p in enumerate(self.perm):
                inverse[p] = i
            v = v.permute(*inverse)
        with torch.no_grad():
            self.t.copy_(v)


def _nchw(x):
    return x.permute(0, 3, 1, 2)


def _nhwc(x):
    return x.permute(0, 2, 3, 1)


class Layer:
    tensors = ()
    module = None

    def set_training(self, training):
        if self.module is not None:
            self.module.train(training)


class Dense(Layer):
    """`dense N [bias=…] [init=…]`: nn.Linear on the row-major flattened input; weight [in][out] = weight.T."""

    def __init__(self, s, shape, index):
        s.check(1, ("init", "bias"))
        self.module = nn.Linear(size(shape), s.num(), bias=s.opt("bias", True))
        self.out = (s.num(),)
        name = "dense%d" % index
        self.tensors = [Tensor(name + ".weight", self.module.weight, (1, 0))]
        if self.module.bias is not None:
            self.tensors.append(Tensor(name + ".bias", self.module.bias))

    def forward(self, x, net):
        return self.module(x.reshape(x.shape[0], -1))


ACTIVATIONS = {
    "identity": lambda x, a: x,
    "sigmoid": lambda x, a: torch.sigmoid(x),
    "logistic": lambda x, a: torch.sigmoid(x),
    "tanh": lambda x, a: torch.tanh(x),
    "relu": lambda x, a: F.relu(x),
    "leaky_relu": lambda x, a: F.leaky_relu(x, negative_slope=a),
    "elu": lambda x, a: F.elu(x, alpha=a),
}
ALPHA = {"leaky_relu": 0.01, "elu": 1.0}


class Activation(Layer):
    """`tanh`, `relu`, … or `activation NAME`: element-wise, torch.nn.functional."""

    def __init__(self, s, shape, index):
        kind = s.keyword
        if kind == "activation":
            s.check(1, ("alpha",))
            kind = s.args[0]
        else:
            s.check(0, ("alpha",) if kind in ALPHA else ())
        if kind not in ACTIVATIONS:
            s.fail("unknown activation %r" % kind)
        self.kind = kind
        self.alpha = s.opt("alpha", ALPHA.get(kind, 0.0))
        self.out = shape

    def forward(self, x, net):
        return ACTIVATIONS[self.kind](x, self.alpha)


class Softmax(Layer):
    """`softmax`: the network's output is softmax(z); the loss is nn.CrossEntropyLoss on the logits z."""

    def __init__(self, s, shape, index):
        s.check(0, ())
        self.out = shape

    def forward(self, x, net):
        return x


class BatchNorm(Layer):
    """`batchnorm`: nn.BatchNorm1d per feature, or nn.BatchNorm2d per channel on an image."""

    def __init__(self, s, shape, index):
        s.check(0, ("momentum", "eps", "stats"))
        self.stats = s.opt("stats", "running")
        if self.stats not in ("running", "population"):
            s.fail("stats must be running or population")
        momentum, eps = s.opt("momentum", 0.1), s.opt("eps", 1e-5)
        if len(shape) == 1:
            self.module = nn.BatchNorm1d(shape[0], eps=eps, momentum=momentum)
        elif len(shape) == 3:
            self.module = nn.BatchNorm2d(shape[2], eps=eps, momentum=momentum)
        else:
            s.fail("batchnorm on a sequence is not in this script's subset")
        self.image = len(shape) == 3
        self.out = shape
        m, name = self.module, "batchnorm%d" % index
        self.tensors = [Tensor(name + ".gamma", m.weight), Tensor(name + ".beta", m.bias),
                        Tensor(name + ".running_mean", m.running_mean, trainable=False),
                        Tensor(name + ".running_var", m.running_var, trainable=False)]

    def forward(self, x, net):
        return _nhwc(self.module(_nchw(x))) if self.image else self.module(x)

    def population(self, x):
        """The exact mean and unbiased variance of this layer's input over a whole data set."""
        per_channel = x.permute(0, 3, 1, 2).transpose(0, 1).reshape(x.shape[3], -1) if self.image else x.T
        with torch.no_grad():
            self.module.running_mean.copy_(per_channel.mean(dim=1))
            self.module.running_var.copy_(per_channel.var(dim=1, unbiased=True))


class Dropout(Layer):
    """`dropout P [mode=…]`: a mask from castnet's generator, one `nextDouble() < P` draw per element in
    castnet's [batch][features] order (features row-major at any rank); dropped units are 0, kept ones
    1/(1-P) (inverted) or 1 (scale_at_test, which multiplies by 1-P at inference)."""

    def __init__(self, s, shape, index):
        s.check(1, ("mode",))
        self.p = s.num()
        self.mode = s.opt("mode", "inverted")
        if self.mode not in ("inverted", "scale_at_test"):
            s.fail("mode must be inverted or scale_at_test")
        self.out = shape
        self.training = False

    def set_training(self, training):
        self.training = training

    def forward(self, x, net):
        if not self.training:
            return x if self.mode == "inverted" else x * (1 - self.p)
        if net.rng is None:
            raise SpecError("a network with dropout needs the case's seed")
        keep = 1 / (1 - self.p) if self.mode == "inverted" else 1.0
        mask = [0.0 if net.rng.next_double() < self.p else keep for _ in range(x.numel())]
        return x * torch.tensor(mask).reshape(x.shape)


class Conv2d(Layer):
    """`conv2d F kernel=K|KHxKW [stride=S] [padding=valid|same|P] [bias=…]`: nn.Conv2d;
    weight [KH][KW][C][F] = PyTorch's [F][C][KH][KW] permuted."""

    def __init__(self, s, shape, index):
        s.check(1, ("kernel", "stride", "padding", "init", "bias"))
        if len(shape) != 3:
            s.fail("conv2d needs an image")
        h, w, c = shape
        kernel = dims(str(s.opt("kernel", "")) or s.fail("kernel= is required"))
        kh, kw = kernel if len(kernel) == 2 else (kernel[0], kernel[0])
        stride = s.opt("stride", 1)
        padding = str(s.opt("padding", "valid"))
        if padding == "valid":
            ph = pw = 0
        elif padding == "same":
            if stride != 1 or kh % 2 == 0 or kw % 2 == 0:
                s.fail("same needs stride 1 and odd kernels")
            ph, pw = (kh - 1) // 2, (kw - 1) // 2
        else:
            ph = pw = int(padding)
        filters = s.num()
        self.module = nn.Conv2d(c, filters, (kh, kw), stride=stride, padding=(ph, pw), bias=s.opt("bias", True))
        self.out = ((h + 2 * ph - kh) // stride + 1, (w + 2 * pw - kw) // stride + 1, filters)
        name = "conv2d%d" % index
        self.tensors = [Tensor(name + ".weight", self.module.weight, (2, 3, 1, 0))]
        if self.module.bias is not None:
            self.tensors.append(Tensor(name + ".bias", self.module.bias))

    def forward(self, x, net):
        return _nhwc(self.module(_nchw(x)))


class Pool(Layer):
    """`maxpool K [stride=S]` / `avgpool K [stride=S]`: nn.MaxPool2d / nn.AvgPool2d, no padding."""

    def __init__(self, s, shape, index):
        s.check(1, ("stride",))
        if len(shape) != 3:
            s.fail("%s needs an image" % s.keyword)
        k = s.num()
        stride = s.opt("stride", k)
        self.module = (nn.MaxPool2d if s.keyword == "maxpool" else nn.AvgPool2d)(k, stride=stride)
        self.out = ((shape[0] - k) // stride + 1, (shape[1] - k) // stride + 1, shape[2])

    def forward(self, x, net):
        return _nhwc(self.module(_nchw(x)))


class GlobalAvgPool(Layer):
    """`globalavgpool`: nn.AdaptiveAvgPool2d(1), HxWxC -> C."""

    def __init__(self, s, shape, index):
        s.check(0, ())
        if len(shape) != 3:
            s.fail("globalavgpool needs an image")
        self.module = nn.AdaptiveAvgPool2d(1)
        self.out = (shape[2],)

    def forward(self, x, net):
        return self.module(_nchw(x)).reshape(x.shape[0], -1)


class Flatten(Layer):
    """`flatten`: row-major, castnet's layout."""

    def __init__(self, s, shape, index):
        s.check(0, ())
        self.out = (size(shape),)

    def forward(self, x, net):
        return x.reshape(x.shape[0], -1)


class Recurrent(Layer):
    """`rnn` (nn.RNN; sigmoid, which nn.RNN lacks, is nn.RNN's formula written out over the same
    parameters), `lstm` (nn.LSTM, gates i,f,g,o), `gru` (nn.GRU, gates r,z,n). weight [F][G*H] =
    weight_ih_l0.T, recurrent_weight [H][G*H] = weight_hh_l0.T, bias = bias_ih_l0, recurrent_bias =
    bias_hh_l0. h0 is a constant initial state, given to nn.RNN as hx."""

    OPTIONS = {"rnn": ("activation", "return", "h0", "init", "recurrent_init"),
               "lstm": ("return", "forget_bias", "init", "recurrent_init"),
               "gru": ("return", "init", "recurrent_init")}

    def __init__(self, s, shape, index):
        s.check(1, self.OPTIONS[s.keyword])
        if len(shape) != 2:
            s.fail("%s needs a sequence TxF" % s.keyword)
        t, f = shape
        hidden = s.num()
        self.kind = s.keyword
        self.activation = s.opt("activation", "tanh")
        self.h0 = float(s.opt("h0", 0.0))
        self.sequence = s.opt("return", "last") == "sequence"
        if self.kind == "rnn":
            if self.activation not in ("tanh", "relu", "sigmoid"):
                s.fail("activation must be tanh, sigmoid or relu")
            self.module = nn.RNN(f, hidden, batch_first=True,
                                 nonlinearity="tanh" if self.activation == "sigmoid" else self.activation)
        elif self.kind == "lstm":
            self.module = nn.LSTM(f, hidden, batch_first=True)
        else:
            self.module = nn.GRU(f, hidden, batch_first=True)
        self.hidden = hidden
        self.out = (t, hidden) if self.sequence else (hidden,)
        m, name = self.module, "%s%d" % (self.kind, index)
        self.tensors = [Tensor(name + ".weight", m.weight_ih_l0, (1, 0)),
                        Tensor(name + ".recurrent_weight", m.weight_hh_l0, (1, 0)),
                        Tensor(name + ".bias", m.bias_ih_l0), Tensor(name + ".recurrent_bias", m.bias_hh_l0)]

    def forward(self, x, net):
        m = self.module
        if self.kind == "rnn" and self.activation == "sigmoid":
            h = torch.full((x.shape[0], self.hidden), self.h0)
            outputs = []
            for t in range(x.shape[1]):
                h = torch.sigmoid(x[:, t] @ m.weight_ih_l0.T + m.bias_ih_l0 + h @ m.weight_hh_l0.T + m.bias_hh_l0)
                outputs.append(h)
            y = torch.stack(outputs, dim=1)
        elif self.kind == "rnn":
            y, _ = m(x, torch.full((1, x.shape[0], self.hidden), self.h0))
        else:
            y, _ = m(x)
        return y if self.sequence else y[:, -1]


LAYERS = {"dense": Dense, "batchnorm": BatchNorm, "dropout": Dropout, "softmax": Softmax,
          "activation": Activation, "conv2d": Conv2d, "maxpool": Pool, "avgpool": Pool,
          "globalavgpool": GlobalAvgPool, "flatten": Flatten, "rnn": Recurrent, "lstm": Recurrent,
          "gru": Recurrent}
LAYERS.update({k: Activation for k in ACTIVATIONS})

OPTIMIZERS = {
    # name: (defaults, the torch.optim optimizer they mean)
    "sgd": ({"lr": 0.01}, lambda p, o: torch.optim.SGD(p, lr=o["lr"])),
    "momentum": ({"lr": 0.01, "rho": 0.9}, lambda p, o: torch.optim.SGD(p, lr=o["lr"], momentum=o["rho"])),
    "nesterov": ({"lr": 0.01, "rho": 0.9},
                 lambda p, o: torch.optim.SGD(p, lr=o["lr"], momentum=o["rho"], nesterov=True)),
    "adagrad": ({"lr": 0.01, "eps": 1e-10}, lambda p, o: torch.optim.Adagrad(p, lr=o["lr"], eps=o["eps"])),
    "adadelta": ({"lr": 1.0, "rho": 0.9, "eps": 1e-6},
                 lambda p, o: torch.optim.Adadelta(p, lr=o["lr"], rho=o["rho"], eps=o["eps"])),
    "rmsprop": ({"lr": 0.001, "rho": 0.9, "eps": 1e-8},
                lambda p, o: torch.optim.RMSprop(p, lr=o["lr"], alpha=o["rho"], eps=o["eps"])),
    "adam": ({"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
             lambda p, o: torch.optim.Adam(p, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"])),
    "adamw": ({"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "wd": 0.01},
              lambda p, o: torch.optim.AdamW(p, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"],
                                             weight_decay=o["wd"])),
}


class Net:
    """A .nn spec as PyTorch modules, an optimizer, a loss, clipping and regularization."""

    def __init__(self, text):
        self.name, statements = parse(text)
        self.layers = []
        self.rng = None
        self.loss = None
        self.optimizer = None
        self.clip = None
        self.l1 = self.l2 = 0.0
        shape = None
        counts = {}
        for s in statements:
            k = s.keyword
            if k == "input":
                s.check(1, ())
                shape = dims(s.args[0])
            elif k in LAYERS:
                if shape is None:
                    s.fail("a layer before input")
                index = counts.get(k, 0)  # tensors are named per kind: dense0, dense1, lstm0…
                counts[k] = index + 1
                layer = LAYERS[k](s, shape, index)
                self.layers.append(layer)
                shape = layer.out
            elif k == "loss":
                s.check(1, ())
                if s.args[0] not in ("cross_entropy", "binary_cross_entropy", "mse"):
                    s.fail("unknown loss")
                self.loss = s.args[0]
            elif k == "optimizer":
                if s.args[0] not in OPTIMIZERS:
                    s.fail("unknown optimizer")
                defaults, self.make_optimizer = OPTIMIZERS[s.args[0]]
                s.check(1, tuple(defaults))
                self.optimizer_options = {key: float(s.opt(key, v)) for key, v in defaults.items()}
                self.optimizer = s.args[0]
            elif k == "clip":
                s.check(2, ())
                if s.args[0] not in ("norm", "value"):
                    s.fail("clip norm A or clip value A")
                self.clip = (s.args[0], float(s.num(1)))
            elif k == "regularize":
                s.check(2, ())
                if s.args[0] not in ("l1", "l2"):
                    s.fail("regularize l1 or l2")
                setattr(self, s.args[0], float(s.num(1)))
            elif k in ("precision", "schedule"):
                pass  # the script always works in float64; schedules are checked per epoch (schedules.json)
            else:
                s.fail("not in this script's subset of the language")
        if shape is None or self.loss is None or self.optimizer is None:
            raise SpecError("%s needs input, loss and optimizer" % self.name)
        self.input = dims(statements[[s.keyword for s in statements].index("input")].args[0])
        self.output = size(shape)
        self.tensors = [t for layer in self.layers for t in layer.tensors]
        self.trainable = [t for t in self.tensors if t.trainable]
        self.opt = self.make_optimizer([t.t for t in self.trainable], self.optimizer_options)

    def set_training(self, training):
        for layer in self.layers:
            layer.set_training(training)

    def forward(self, x, training, upto=None):
        """The network's output (softmax's input for cross_entropy), or the input of layer `upto`."""
        self.set_training(training)
        x = x.reshape((-1,) + self.input)  # flat rows, read as the input shape says
        for i, layer in enumerate(self.layers):
            if i == upto:
                return x
            x = layer.forward(x, self)
        return x

    def data_loss(self, z, batch):
        if self.loss == "cross_entropy":
            return F.cross_entropy(z, torch.tensor(batch["labels"], dtype=torch.long))
        targets = torch.tensor(batch["targets"]).reshape(z.shape)
        if self.loss == "binary_cross_entropy":
            return F.binary_cross_entropy(z, targets)  # each log clamped at -100
        return F.mse_loss(z, targets)

    def shown(self, z):
        return torch.softmax(z, dim=1) if self.loss == "cross_entropy" else z

    def step(self, batch):
        """One training step: forward, loss, backward, clip, regularize, update (SPEC §2's order)."""
        x = torch.tensor(batch["x"])
        self.opt.zero_grad()
        z = self.forward(x, True)
        loss = self.data_loss(z, batch)
        loss.backward()
        record = {"loss": loss.item(), "output": self.shown(z).detach().reshape(-1).tolist(),
                  "grads": {t.name: t.read(t.t.grad) for t in self.trainable}}
        params = [t.t for t in self.trainable]
        if self.clip and self.clip[0] == "norm":
            torch.nn.utils.clip_grad_norm_(params, self.clip[1])  # A / (‖g‖ + 1e-6), at most 1
        elif self.clip:
            torch.nn.utils.clip_grad_value_(params, self.clip[1])
        with torch.no_grad():
            for t in self.trainable:
                if t.name.endswith("weight"):  # weight and recurrent_weight; never biases, γ, β
                    if self.l2:
                        t.t.grad.add_(t.t, alpha=self.l2)
                    if self.l1:
                        t.t.grad.add_(torch.sign(t.t), alpha=self.l1)  # sign(0) = 0
        self.opt.step()
        record["params"] = self.read()
        return record

    def population(self, x):
        """stats=population: layer by layer, each batchnorm's input over the whole set in inference mode."""
        x = torch.tensor(x)
        for i, layer in enumerate(self.layers):
            if isinstance(layer, BatchNorm) and layer.stats == "population":
                with torch.no_grad():
                    layer.population(self.forward(x, False, upto=i))
        return {t.name: t.read() for layer in self.layers if isinstance(layer, BatchNorm)
                and layer.stats == "population" for t in layer.tensors if not t.trainable}

    def round_off_driven(self):
        """Biases that feed a batchnorm, and its running mean: the batch mean cancels them, so their exact
        gradient is 0 and an adaptive optimizer's step on them (g / (sqrt(v) + eps)) is round-off."""
        names = set()
        for a, b in zip(self.layers, self.layers[1:]):
            if isinstance(b, BatchNorm) and isinstance(a, (Dense, Conv2d)) and a.module.bias is not None:
                names.update({a.tensors[1].name, b.tensors[2].name})
        return names

    def has(self, kind):
        return any(isinstance(layer, kind) for layer in self.layers)

    def population_layers(self):
        return any(isinstance(l, BatchNorm) and l.stats == "population" for l in self.layers)

    def infer(self, x):
        with torch.no_grad():
            z = self.forward(torch.tensor(x), False)
        return self.shown(z).reshape(-1).tolist()

    def read(self):
        return {t.name: t.read() for t in self.tensors}

    def load(self, values):
        for t in self.tensors:
            t.write(values[t.name])


# ----------------------------------------------------------------------------------------------- the cases

def spec(name, body):
    """A case's .nn text: package golden, precision double, the body indented."""
    lines = [l.strip() for l in body.strip().split("\n")]
    return "package golden;\n\nnetwork %s {\n    precision double\n%s}\n" % (
        name, "".join("    %s\n" % l if l else "\n" for l in lines))


class Case:
    """One parity case: a name, the body of its network block, and how to make its data.

    batch, steps: mini-batch size and number of training steps; samples: inference rows;
    folder: "cases" (castnet compiles it today) or "layers" (waits for castnet's conv/pool/recurrent layers);
    x_scale: scale of the standard-normal inputs (a list gives one scale per sample of a batch);
    seed: the generator seed the test gives net.random() after loading `initial` (networks with dropout);
    draws: the seed of PyTorch's draws (initial parameters and data), by default one derived from the name.
    """

    def __init__(self, name, body, batch=4, steps=3, samples=4, folder="cases", x_scale=1.0, seed=None,
                 draws=None):
        self.name, self.batch, self.steps, self.samples = name, batch, steps, samples
        self.text = spec(name, body)
        self.folder, self.x_scale, self.seed = folder, x_scale, seed
        self.draws = zlib.crc32(name.encode()) if draws is None else draws


TANH = """
input 4
dense 5
tanh
dense 3
softmax
loss cross_entropy
optimizer %s
"""

CASES = [
    # ---- optimizers (one each, the same small tanh network)
    Case("TanhSgd", TANH % "sgd lr=0.1"),
    Case("TanhMomentum", TANH % "momentum lr=0.05 rho=0.9"),
    Case("TanhNesterov", TANH % "nesterov lr=0.05 rho=0.8"),
    Case("TanhAdagrad", TANH % "adagrad lr=0.1 eps=1e-10"),
    Case("TanhAdadelta", TANH % "adadelta lr=1.0 rho=0.9 eps=1e-06"),
    Case("TanhRmsprop", TANH % "rmsprop lr=0.01 rho=0.9 eps=1e-08"),
    Case("TanhAdam", TANH % "adam lr=0.01 beta1=0.9 beta2=0.999 eps=1e-08", steps=4),
    Case("TanhAdamw", TANH % "adamw lr=0.01 beta1=0.9 beta2=0.999 eps=1e-08 wd=0.05"),
    Case("DefaultsAdam", TANH % "adam"),  # every optimizer default
    # ---- losses and activations
    Case("SigmoidBce", """
        input 3
        dense 4
        tanh
        dense 2
        sigmoid
        loss binary_cross_entropy
        optimizer adagrad lr=0.1 eps=1e-10
    """),
    Case("SaturatedBce", """
        input 3
        dense 3
        logistic
        loss binary_cross_entropy
        optimizer sgd lr=0.1
    """, x_scale=[1.0, 5000.0, 1.0, -8000.0]),  # outputs of exactly 0 and 1: each log clamped at -100
    Case("EluMse", """
        input 3
        dense 5
        elu
        dense 2
        identity
        loss mse
        optimizer adam lr=0.01 beta1=0.9 beta2=0.999 eps=1e-08
    """),
    Case("ActivationsMse", """
        input 2x2x2
        dense 6 bias=false
        leaky_relu alpha=0.2
        dense 5
        elu alpha=0.5
        dense 4
        activation relu
        dense 2
        tanh
        loss mse
        optimizer momentum lr=0.1 rho=0.5
    """, batch=5),
    # ---- clipping and regularization
    Case("ClipNormL2", """
        input 4
        dense 6
        relu
        dense 3
        softmax
        loss cross_entropy
        optimizer sgd lr=0.5
        clip norm 0.5
        regularize l2 0.01
    """),
    Case("ClipValueL1", """
        input 4
        dense 5
        leaky_relu
        dense 3
        softmax
        loss cross_entropy
        optimizer rmsprop lr=0.01 rho=0.9 eps=1e-08
        clip value 0.05
        regularize l1 0.001
    """),
    Case("ClipNormL1L2", """
        input 5
        dense 4
        sigmoid
        dense 3
        softmax
        loss cross_entropy
        optimizer nesterov lr=0.2 rho=0.9
        clip norm 0.3
        regularize l1 0.002
        regularize l2 0.02
    """),
    # ---- batch normalization
    Case("BatchNormRelu", """
        input 4
        dense 6
        batchnorm
        relu
        dense 3
        softmax
        loss cross_entropy
        optimizer momentum lr=0.05 rho=0.9
    """, batch=5),
    Case("DeepBatchNormAdam", """
        input 6
        dense 8
        batchnorm
        tanh
        dense 7
        batchnorm
        relu
        dense 4
        softmax
        loss cross_entropy
        optimizer adam lr=0.01 beta1=0.9 beta2=0.999 eps=1e-08
        clip norm 1.0
        regularize l2 0.001
    """, batch=8, steps=4),
    Case("BatchNormPopulation", """
        input 5
        dense 6 bias=false
        batchnorm stats=population momentum=0.2 eps=0.001
        relu
        dense 5
        batchnorm
        tanh
        dense 4 bias=false
        batchnorm stats=population
        dense 3
        softmax
        loss cross_entropy
        optimizer sgd lr=0.1
    """, batch=6),
    # ---- dropout
    Case("DropoutInverted", """
        input 5
        dense 8
        relu
        dropout 0.5
        dense 6
        tanh
        dropout 0.2
        dense 3
        softmax
        loss cross_entropy
        optimizer adam lr=0.01
    """, seed=20240917),
    Case("DropoutScaleAtTest", """
        input 4
        dense 7
        sigmoid
        dropout 0.3 mode=scale_at_test
        dense 2
        sigmoid
        loss binary_cross_entropy
        optimizer rmsprop lr=0.01
    """, batch=5, seed=-7),

    # ---- castnet's new layers (cases/ once castnet compiles them)
    Case("ConvSameMaxPool", """
        input 6x6x1
        conv2d 3 kernel=3 padding=same
        relu
        maxpool 2
        dense 3
        softmax
        loss cross_entropy
        optimizer sgd lr=0.1
    """, batch=3),
    Case("ConvStrideRemainder", """
        input 8x7x2
        conv2d 3 kernel=3 stride=2
        tanh
        flatten
        dense 4
        softmax
        loss cross_entropy
        optimizer momentum lr=0.05 rho=0.9
    """, batch=3),
    Case("ConvRectPaddedNoBias", """
        input 6x5x2
        conv2d 4 kernel=3x2 padding=1 bias=false
        elu
        avgpool 2 stride=1
        conv2d 2 kernel=1x3 stride=2 padding=valid
        flatten
        dense 3
        softmax
        loss cross_entropy
        optimizer adam lr=0.01
        clip norm 1.0
        regularize l2 0.001
    """, batch=3),
    Case("ConvBatchNormPools", """
        input 8x8x1
        conv2d 4 kernel=3 padding=1
        batchnorm
        relu
        maxpool 3 stride=2
        conv2d 5 kernel=3x1 padding=same
        relu
        avgpool 2
        globalavgpool
        dense 3
        softmax
        loss cross_entropy
        optimizer rmsprop lr=0.01
        regularize l1 0.001
    """, batch=4),
    Case("ConvBatchNormPopulation", """
        input 5x5x2
        conv2d 3 kernel=2
        batchnorm stats=population
        tanh
        conv2d 2 kernel=3x3 stride=1 padding=same
        batchnorm momentum=0.3
        relu
        flatten
        dense 2
        softmax
        loss cross_entropy
        optimizer adagrad lr=0.1
    """, batch=4),
    Case("ConvDropout", """
        input 6x6x2
        conv2d 3 kernel=3 padding=same
        relu
        dropout 0.25
        maxpool 2 stride=2
        dropout 0.4 mode=scale_at_test
        globalavgpool
        dense 3
        softmax
        loss cross_entropy
        optimizer adamw lr=0.01 wd=0.05
    """, batch=3, seed=12345),
    Case("RnnTanhLast", """
        input 5x3
        rnn 4
        dense 3
        softmax
        loss cross_entropy
        optimizer sgd lr=0.1
    """, batch=3),
    Case("RnnSigmoidH0Mse", """
        input 12x1
        rnn 1 activation=sigmoid h0=0.3
        loss mse
        optimizer sgd lr=0.5
    """, batch=2),
    Case("RnnReluSequenceStacked", """
        input 4x3
        rnn 5 activation=relu return=sequence h0=0.1
        rnn 3 return=sequence h0=-0.2
        rnn 2 activation=sigmoid
        dense 2
        softmax
        loss cross_entropy
        optimizer momentum lr=0.1 rho=0.9
        clip value 0.1
    """, batch=3),
    Case("LstmSequenceLstm", """
        input 4x3
        lstm 4 return=sequence
        lstm 3
        dense 2
        softmax
        loss cross_entropy
        optimizer adam lr=0.01 beta1=0.9 beta2=0.999 eps=1e-08
        clip norm 0.5
    """, batch=3),
    Case("LstmSequenceDense", """
        input 6x2
        lstm 3 return=sequence forget_bias=0
        tanh
        dense 2
        identity
        loss mse
        optimizer nesterov lr=0.05 rho=0.9
        regularize l2 0.01
    """, batch=3),
    Case("GruDense", """
        input 5x2
        gru 3
        tanh
        dense 3
        softmax
        loss cross_entropy
        optimizer rmsprop lr=0.01 rho=0.9 eps=1e-08
        regularize l2 0.001
    """, batch=3),
    Case("GruSequenceDropout", """
        input 4x3
        gru 4 return=sequence
        dropout 0.3
        gru 2
        dense 2
        sigmoid
        loss binary_cross_entropy
        optimizer adadelta
        regularize l1 0.001
    """, batch=3, seed=99),
]

# learning-rate schedules per epoch, from torch.optim.lr_scheduler (castnet's LrSchedule must agree)
SCHEDULES = [
    ("step every=3 gamma=0.5", 0.1, 10, lambda o, e: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
    ("step every=4", 0.05, 12, lambda o, e: torch.optim.lr_scheduler.StepLR(o, step_size=4)),
    ("step every=1 gamma=0.9", 1.0, 6, lambda o, e: torch.optim.lr_scheduler.StepLR(o, step_size=1, gamma=0.9)),
    ("cosine", 0.1, 10, lambda o, e: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=e)),
    ("cosine", 0.003, 7, lambda o, e: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=e)),
    ("cosine", 1.0, 1, lambda o, e: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=e)),
    ("exponential gamma=0.9", 0.1, 10, lambda o, e: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
    ("exponential gamma=0.5", 2.0, 8, lambda o, e: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.5)),
]


def make(case):
    torch.manual_seed(case.draws)  # each case its own: adding or changing one leaves the others alone
    net = Net(case.text)
    if net.name != case.name:
        raise SpecError("%s: the network is called %s" % (case.name, net.name))
    with torch.no_grad():  # γ and β away from 1 and 0, so that a swapped or ignored one shows
        for layer in net.layers:
            if isinstance(layer, BatchNorm):
                layer.module.weight.uniform_(0.5, 1.5)
                layer.module.bias.uniform_(-0.5, 0.5)
    n_in = size(net.input)
    scale = torch.tensor(case.x_scale if isinstance(case.x_scale, list) else [case.x_scale] * case.batch)

    def rows(n):
        return (torch.randn(n, n_in) * scale[torch.arange(n) % len(scale)].unsqueeze(1)).reshape(-1).tolist()

    batches = []
    for _ in range(case.steps):
        b = {"x": rows(case.batch)}
        if net.loss == "cross_entropy":
            b["labels"] = torch.randint(0, net.output, (case.batch,)).tolist()
        elif net.loss == "binary_cross_entropy":
            b["targets"] = torch.rand(case.batch * net.output).tolist()
        else:
            b["targets"] = torch.randn(case.batch * net.output).tolist()
        batches.append(b)
    inference_x = torch.randn(case.samples, n_in).reshape(-1).tolist()

    out = {"name": case.name, "spec": case.text, "batch": case.batch, "input": n_in, "output": net.output,
           "shapes": {t.name: t.shape for t in net.tensors}, "initial": net.read()}
    if case.seed is not None:
        out["seed"] = case.seed
        net.rng = Rng(case.seed)
    elif net.has(Dropout):
        raise SpecError("%s has dropout and needs a seed" % case.name)
    out["batches"] = batches
    steps = []
    for k, b in enumerate(batches):
        record = net.step(b)
        if k > 0:
            del record["output"], record["grads"]
        steps.append(record)
    out["steps"] = steps
    if net.population_layers():
        x = [v for b in batches for v in b["x"]]
        out["population"] = {"x": x, "params": net.population(x)}
    out["inference"] = {"x": inference_x, "output": net.infer(inference_x)}
    float_conditioned(out)
    return out


FLOAT_MARGIN = 5e-5  # half the Java test's float tolerance (PyTorch's float32 round-off is not castnet's)


def float_conditioned(out):
    """The Java test reruns each case in float32 within 1e-4 relative (at least 1e-3 wide). Some data make that
    meaningless: an output that sigmoid rounds to exactly 1 in float but not in double (its log is clamped in
    one precision only), or a gradient that cancels to almost 0 (float keeps a few digits of it, and an adaptive
    optimizer divides by its size). Replaying the case in PyTorch's float32 finds them: such a case needs other
    data. Returns the largest relative difference."""
    torch.set_default_dtype(torch.float32)
    try:
        diffs, noisy = replay(out)
    finally:
        torch.set_default_dtype(torch.float64)
    checked = [w for w in diffs if not any(w[0].endswith(" " + n) for n in noisy)
               and not (noisy and w[0] == "inference output")]
    what, d = max(checked, key=lambda w: w[1])
    if d > FLOAT_MARGIN:
        raise SpecError("%s is ill-conditioned in float32: %s differs by %.2e relative; change its data"
                        % (out["name"], what, d))
    return d


def schedules():
    out = []
    for text, lr, epochs, make_scheduler in SCHEDULES:
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
        scheduler = make_scheduler(opt, epochs)
        rates = []
        for _ in range(epochs):
            rates.append(opt.param_groups[0]["lr"])
            opt.step()
            scheduler.step()
        out.append({"schedule": text, "lr": lr, "epochs": epochs, "rates": rates})
    return out


# magnitude pruning (SPEC §6): which weights torch.nn.utils.prune removes, per tensor (l1_unstructured) and over
# all tensors (global_unstructured with L1Unstructured); and TensorFlow Model Optimization's PolynomialDecay
# schedule with power 3 (Zhu & Gupta 2017), step by step, with the steps it prunes on (its frequency rule)
PRUNING_SELECTIONS = [  # (tensor shapes, sparsity, scope, seed)
    ([[6, 4], [4, 3]], 0.5, "layer", 1),
    ([[6, 4], [4, 3]], 0.5, "global", 1),
    ([[10, 8], [8, 5], [5, 2]], 0.8, "global", 2),
    ([[10, 8], [8, 5], [5, 2]], 0.8, "layer", 2),
    ([[3, 3, 2, 4], [7, 12], [3, 12]], 0.35, "global", 3),
    ([[5, 5]], 0.9, "layer", 4),
]
PRUNING_SCHEDULES = [  # (final sparsity, begin step, end step, frequency, steps recorded)
    (0.8, 0, 300, 100, 420),
    (0.5, 40, 100, 3, 130),
    (0.9, 10, 30, 1, 40),
]


def pruning():
    import torch.nn.utils.prune as prune
    selections = []
    for shapes, sparsity, scope, seed in PRUNING_SELECTIONS:
        torch.manual_seed(seed)
        modules = []
        for shape in shapes:
            m = torch.nn.Module()
            m.weight = torch.nn.Parameter(torch.randn(*shape))  # distinct magnitudes: no ties to break
            modules.append(m)
        values = [m.weight.detach().reshape(-1).tolist() for m in modules]
        if scope == "layer":
            for m in modules:
                prune.l1_unstructured(m, "weight", amount=sparsity)
        else:
            prune.global_unstructured([(m, "weight") for m in modules], pruning_method=prune.L1Unstructured,
                                      amount=sparsity)
        masks = [m.weight_mask.reshape(-1).tolist() for m in modules]
        selections.append({"shapes": shapes, "sparsity": sparsity, "scope": scope, "weights": values,
                           "masks": masks})
    schedules = []
    for final, begin, end, frequency, steps in PRUNING_SCHEDULES:
        sparsity, due = [], []
        for step in range(steps):
            # tensorflow_model_optimization.sparsity.keras.PolynomialDecay(initial_sparsity=0, power=3)
            p = min(1.0, max(0.0, (step - begin) / (end - begin)))
            sparsity.append(final + (0.0 - final) * (1 - p) ** 3)
            # PruningSchedule._should_prune_in_step
            due.append(step >= begin and step <= end and (step - begin) % frequency == 0)
        schedules.append({"final": final, "begin": begin, "end": end, "frequency": frequency,
                          "sparsity": sparsity, "due": due})
    return {"selections": selections, "schedules": schedules}


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f)
        f.write("\n")


def generate(out_dir, only):
    chosen = [c for c in CASES if not only or c.name in only]
    missing = set(only or ()) - {c.name for c in CASES}
    if missing:
        sys.exit("no such case: %s" % ", ".join(sorted(missing)))
    folders = sorted({c.folder for c in CASES})
    for folder in folders:
        os.makedirs(os.path.join(out_dir, folder), exist_ok=True)
    for case in chosen:
        data = make(case)
        base = os.path.join(out_dir, case.folder, case.name)
        write_json(base + ".json", data)
        with open(base + ".nn", "w") as f:
            f.write(case.text)
        print("%-8s %-24s %d steps, %d parameters" % (case.folder, case.name, len(data["steps"]),
                                                    sum(len(v) for v in data["initial"].values())))
    if not only:
        names = {(c.folder, c.name) for c in CASES}
        for folder in folders:  # the folders hold the table, nothing else
            for f in sorted(os.listdir(os.path.join(out_dir, folder))):
                stem, ext = os.path.splitext(f)
                if ext in (".json", ".nn") and (folder, stem) not in names:
                    os.remove(os.path.join(out_dir, folder, f))
                    print("removed %s/%s (not in the table)" % (folder, f))
        write_json(os.path.join(out_dir, "schedules.json"), schedules())
        print("schedules.json: %d schedules" % len(SCHEDULES))
        write_json(os.path.join(out_dir, "pruning.json"), pruning())
        print("pruning.json: %d selections, %d schedules" % (len(PRUNING_SELECTIONS), len(PRUNING_SCHEDULES)))


# ----------------------------------------------------------------------------------------------- --check

def relative(expected, actual):
    """The largest |e - a| / max(|e|, 1e-3): the measure the Java parity test bounds."""
    if len(expected) != len(actual):
        return float("inf")
    return max((abs(e - a) / max(abs(e), 1e-3) for e, a in zip(expected, actual)), default=0.0)


def replay(g):
    """Runs case g through this script's models; returns [(what, largest relative difference)]."""
    net = Net(g["spec"])
    shapes = {t.name: t.shape for t in net.tensors}
    if shapes != g["shapes"] or list(shapes) != list(g["shapes"]):
        raise SpecError("tensors differ: recorded %s, this script %s" % (g["shapes"], shapes))
    net.load(g["initial"])
    if "seed" in g:
        net.rng = Rng(g["seed"])
    diffs = []
    for k, (b, s) in enumerate(zip(g["batches"], g["steps"])):
        r = net.step(b)
        diffs.append(("step %d loss" % k, relative([s["loss"]], [r["loss"]])))
        if "output" in s:
            diffs.append(("step %d output" % k, relative(s["output"], r["output"])))
        for name, v in s.get("grads", {}).items():
            diffs.append(("step %d gradient of %s" % (k, name), relative(v, r["grads"][name])))
        for name, v in s["params"].items():
            diffs.append(("step %d %s" % (k, name), relative(v, r["params"][name])))
    if "population" in g:
        stats = net.population(g["population"]["x"])
        for name, v in g["population"]["params"].items():
            diffs.append(("population %s" % name, relative(v, stats[name])))
    diffs.append(("inference output", relative(g["inference"]["output"], net.infer(g["inference"]["x"]))))
    return diffs, net.round_off_driven()


def check(directory):
    files = sorted(f for f in os.listdir(directory)
                   if f.endswith(".json") and f not in ("schedules.json", "pruning.json"))
    if not files:
        sys.exit("no cases in %s" % directory)
    worst = 0.0
    failed = 0
    print("relative difference |e - a| / max(|e|, 1e-3) of every recorded number; round-off-driven: biases "
          "feeding a batchnorm and its running mean, apart")
    print("%-26s %10s  %-44s %s" % ("case", "largest", "where", "round-off-driven"))
    for f in files:
        with open(os.path.join(directory, f)) as fh:
            g = json.load(fh)
        try:
            diffs, noisy = replay(g)
        except (SpecError, KeyError) as e:
            print("%-26s %10s  %s" % (f[:-5], "FAILED", e))
            failed += 1
            continue
        exact = [w for w in diffs if not any(w[0].endswith(" " + n) for n in noisy)]
        rest = [w for w in diffs if w not in exact]
        what, d = max(exact, key=lambda w: w[1])
        worst = max(worst, d)
        driven = "%.3e (%s)" % max(((w[1], w[0]) for w in rest)) if rest else "-"
        print("%-26s %10.3e  %-44s %s" % (f[:-5], d, what, driven))
    print("%d cases, largest relative difference %.3e%s" % (len(files), worst,
                                                           ", %d could not be replayed" % failed if failed else ""))
    return 1 if failed else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=HERE, help="folder to write cases/, layers/ and schedules.json into "
                                               "(default: beside this script)")
    p.add_argument("--only", help="comma-separated case names to regenerate")
    p.add_argument("--check", metavar="DIR", help="replay every case file of DIR and report the differences")
    a = p.parse_args()
    if a.check:
        sys.exit(check(a.check))
    generate(a.out, a.only.split(",") if a.only else None)


if __name__ == "__main__":
    main()
