"""The job of `./descent gradcheck`, written the way "Deep Learning from Scratch" writes it: the
chapter-5 TwoLayerNet 784-50-10 (Affine / Relu / Affine / SoftmaxWithLoss), float64, and the book's
element-by-element numerical_gradient (central differences, h = 1e-4) over every element of W1, b1,
W2, b2 on the first 3 MNIST training images, then backprop and the mean absolute difference per
parameter, as the book's gradient_check.py prints it.

Usage: /usr/bin/python3 gradcheck_numpy.py [--data-dir ~/.cache/descent/mnist] [--samples 3]
Prints one line per parameter and "numerical gradient: S s" (the timed part: numerical_gradient
only, not loading). Written for this project's benchmark; the book's code itself is not copied.
"""
import argparse
import gzip
import os
import struct
import time
from collections import OrderedDict

import numpy as np


def read_images(path, count):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 2051, path
        return np.frombuffer(f.read(count * rows * cols), np.uint8).reshape(count, rows * cols)


def read_labels(path, count):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        magic, n = struct.unpack(">II", f.read(8))
        assert magic == 2049, path
        return np.frombuffer(f.read(count), np.uint8).astype(np.int64)


class Affine:
    def __init__(self, W, b):
        self.W, self.b, self.x = W, b, None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return np.dot(dout, self.W.T)


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    if t.size == y.size:  # one-hot rows to labels
        t = t.argmax(axis=1)
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        return cross_entropy_error(self.y, t)

    def backward(self, dout=1):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t.argmax(axis=1)] -= 1
        return dx / n


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, rng, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * rng.standard_normal((input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * rng.standard_normal((hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def numerical_gradient(self, x, t):
        loss_w = lambda w: self.loss(x, t)
        return {k: numerical_gradient(loss_w, self.params[k]) for k in ("W1", "b1", "W2", "b2")}

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        return {"W1": self.layers["Affine1"].dW, "b1": self.layers["Affine1"].db,
                "W2": self.layers["Affine2"].dW, "b2": self.layers["Affine2"].db}


def numerical_gradient(f, x):
    """Central differences, one element at a time, perturbing x in place (the book's loop)."""
    h = 1e-4
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default=os.path.expanduser("~/.cache/descent/mnist"))
    p.add_argument("--samples", type=int, default=3)
    p.add_argument("--hidden", type=int, default=50)
    a = p.parse_args()
    x = read_images(os.path.join(a.data_dir, "train-images-idx3-ubyte"), a.samples).astype(np.float64) / 255.0
    t = np.eye(10)[read_labels(os.path.join(a.data_dir, "train-labels-idx1-ubyte"), a.samples)]
    rng = np.random.default_rng(0)
    net = TwoLayerNet(784, a.hidden, 10, rng)
    net.params["b1"][:] = rng.uniform(-0.1, 0.1, a.hidden)  # as Descent does: keep ReLUs off their kink
    net.params["b2"][:] = rng.uniform(-0.1, 0.1, 10)
    start = time.perf_counter()
    numeric = net.numerical_gradient(x, t)
    seconds = time.perf_counter() - start
    backprop = net.gradient(x, t)
    for k in numeric:
        print(f"{k}: {numeric[k].size} elements, mean |backprop - numerical| {np.average(np.abs(backprop[k] - numeric[k])):.3e}")
    print(f"numerical gradient: {seconds:.3f} s")


if __name__ == "__main__":
    main()
