"""Peer for Descent's lbfgs: PyTorch's torch.optim.LBFGS(line_search_fn="strong_wolfe").

  rosenbrock [--steps N]
      The reference of LbfgsTest (optimizers module): Rosenbrock (1 - x0)^2 + 100 (x1 - x0^2)^2 from (-1.2, 1) in
      float64, lr 1, history_size 100, max_iter 1 per step (Descent's default: a step is one iteration),
      tolerance_grad = tolerance_change = 0 (Descent's defaults). Prints every iterate with 17 significant digits
      and the closure evaluations so far.
  mnist [--steps K] [--max-iter M] [--history H] [--seed S] [--threads T]
      Descent's `train --optimizer lbfgs` on the same data: MLP 784-100-10, ReLU, He-normal weights and zero biases,
      softmax cross-entropy averaged over all 60,000 training images (full batch), float32; K steps of LBFGS with
      max_iter M (iterations per step), lr 1, the same zero tolerances. Prints, per step, the loss, the evaluations
      and the seconds of training; at the end the test accuracy, and one line starting RESULT with JSON.

Data: the raw IDX files in ~/.cache/descent/mnist (PEERS_MNIST_DIR), pixels / 255.
Run with Debian's python3-torch (1.13 here): /usr/bin/python3 torch_lbfgs.py rosenbrock
"""
import argparse
import json
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MNIST_DIR = os.environ.get("PEERS_MNIST_DIR", os.path.expanduser("~/.cache/descent/mnist"))


def rosenbrock(steps):
    x = torch.tensor([-1.2, 1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([x], lr=1, max_iter=1, history_size=100, tolerance_grad=0, tolerance_change=0,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        f = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
        f.backward()
        return f

    print(f"torch {torch.__version__}: LBFGS on rosenbrock from (-1.2, 1), float64, max_iter 1 per step")
    for k in range(1, steps + 1):
        opt.step(closure)
        a, b = x.detach().tolist()
        print(f"{k} {a!r} {b!r} evaluations {opt.state[x]['func_evals']}")


def read_idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def mnist(steps, max_iter, history, seed, threads):
    torch.set_num_threads(threads)
    load = lambda name: read_idx(os.path.join(MNIST_DIR, name))
    x = torch.from_numpy(load("train-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / np.float32(255))
    t = torch.from_numpy(load("train-labels-idx1-ubyte").astype(np.int64))
    x_test = torch.from_numpy(load("t10k-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / np.float32(255))
    t_test = torch.from_numpy(load("t10k-labels-idx1-ubyte").astype(np.int64))
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10))
    for m in model:
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            nn.init.zeros_(m.bias)
    opt = torch.optim.LBFGS(model.parameters(), lr=1, max_iter=max_iter, history_size=history, tolerance_grad=0,
                            tolerance_change=0, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), t)
        loss.backward()
        return loss

    state = opt.state[next(iter(model.parameters()))]
    seconds = 0.0
    for k in range(1, steps + 1):
        started = time.perf_counter()
        loss = opt.step(closure).item()
        seconds += time.perf_counter() - started
        print(f"step {k}: loss {loss:.4f} (at its start), evaluations {state['func_evals']}, {seconds:.1f} s", flush=True)
    with torch.no_grad():
        final_loss = F.cross_entropy(model(x), t).item()
        accuracy = (model(x_test).argmax(dim=1) == t_test).float().mean().item()
    print(f"after {steps} steps: training loss {final_loss:.4f}, test accuracy {accuracy:.4f}, "
          f"{state['func_evals']} evaluations, {seconds:.1f} s of training")
    print("RESULT " + json.dumps({"peer": "torch_lbfgs", "torch": torch.__version__, "steps": steps, "max_iter": max_iter,
                                  "history": history, "evaluations": state["func_evals"], "loss": final_loss,
                                  "test_accuracy": accuracy, "seconds": seconds}))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("problem", choices=["rosenbrock", "mnist"])
    p.add_argument("--steps", type=int, default=None)
    p.add_argument("--max-iter", type=int, default=1)
    p.add_argument("--history", type=int, default=100)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    if a.problem == "rosenbrock":
        rosenbrock(a.steps or 10)
    else:
        mnist(a.steps or 20, a.max_iter, a.history, a.seed, a.threads)


if __name__ == "__main__":
    main()
