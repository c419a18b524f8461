"""Benchmark peer server for bench/run.ts: PyTorch or Keras 3 (TensorFlow) on the CPU, one process per
(framework, threads), driven over stdin/stdout with one JSON object per line so the TypeScript side can
interleave it with the other peers. Optional: bench/run.ts skips it when python3 or the package is absent.

Requests:  {"op": "build", "kind": "seq"|"stream", "T", "F", "H", "B", "cell": "lstm"}
           {"op": "run", "mode": "train"|"infer"|"step", "seconds": s, "min": n, "max": n}
Replies:   {"ok": true, ...} or {"error": "..."}; run replies {"wall": [seconds per call], "cpu": s, "calls": n}
Model: LSTM(H) on (T, F) then Dense(1), MSE, Adam, float32 (the same as lstmkit's bench). Streaming:
an LSTMCell (torch) / LSTMCell layer (keras) stepped one time step at a time at batch B, state carried.
Usage: python3 bench/python/peer.py torch|keras THREADS
"""

import json
import os
import sys
import time

FRAMEWORK = sys.argv[1]
THREADS = int(sys.argv[2])
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["OMP_NUM_THREADS"] = str(THREADS)
os.environ["MKL_NUM_THREADS"] = str(THREADS)


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class TorchPeer:
    def __init__(self):
        import torch

        torch.set_num_threads(THREADS)
        torch.set_num_interop_threads(1)
        self.torch = torch
        self.version = torch.__version__

    def build(self, kind, T, F, H, B):
        torch = self.torch
        torch.manual_seed(0)
        self.kind = kind
        if kind == "stream":
            self.cell = torch.nn.LSTMCell(F, H)
            self.head = torch.nn.Linear(H, 1)
            self.x = torch.rand(B, F) * 2 - 1
            self.h = torch.zeros(B, H)
            self.c = torch.zeros(B, H)
            return
        self.lstm = torch.nn.LSTM(F, H, batch_first=True)
        self.head = torch.nn.Linear(H, 1)
        self.params = list(self.lstm.parameters()) + list(self.head.parameters())
        self.opt = torch.optim.Adam(self.params, lr=1e-3)
        self.x = torch.rand(B, T, F) * 2 - 1
        self.y = torch.rand(B, 1) * 2 - 1

    def forward(self):
        out, _ = self.lstm(self.x)
        return self.head(out[:, -1, :])

    def call(self, mode):
        torch = self.torch
        if mode == "train":
            self.opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.mse_loss(self.forward(), self.y)
            loss.backward()
            self.opt.step()
        elif mode == "infer":
            with torch.inference_mode():
                self.forward()
        else:
            with torch.inference_mode():
                self.h, self.c = self.cell(self.x, (self.h, self.c))
                self.head(self.h)


class KerasPeer:
    def __init__(self):
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(THREADS)
        tf.config.threading.set_inter_op_parallelism_threads(1)
        import keras

        self.tf = tf
        self.keras = keras
        self.version = f"keras {keras.__version__}, tensorflow {tf.__version__}"

    def build(self, kind, T, F, H, B):
        keras, tf = self.keras, self.tf
        keras.utils.set_random_seed(0)
        rng = __import__("numpy").random.default_rng(0)
        self.kind = kind
        if kind == "stream":
            cell = keras.layers.LSTMCell(H)
            head = keras.layers.Dense(1)
            x = keras.Input((F,), batch_size=B)
            h = keras.Input((H,), batch_size=B)
            c = keras.Input((H,), batch_size=B)
            out, (h2, c2) = cell(x, [h, c])
            self.model = keras.Model([x, h, c], [head(out), h2, c2])
            self.x = tf.constant(rng.uniform(-1, 1, (B, F)).astype("float32"))
            self.h = tf.zeros((B, H))
            self.c = tf.zeros((B, H))
            model = self.model

            @tf.function(jit_compile=False)
            def step(x, h, c):
                return model([x, h, c], training=False)

            self.step = step
            return
        self.model = keras.Sequential([keras.Input((T, F)), keras.layers.LSTM(H), keras.layers.Dense(1)])
        self.model.compile(optimizer="adam", loss="mse")
        self.x = rng.uniform(-1, 1, (B, T, F)).astype("float32")
        self.y = rng.uniform(-1, 1, (B, 1)).astype("float32")
        self.xt = tf.constant(self.x)

    def call(self, mode):
        if mode == "train":
            self.model.train_on_batch(self.x, self.y)
        elif mode == "infer":
            # predict_on_batch: Keras' own inference path for one batch (no callbacks, no dataset).
            self.model.predict_on_batch(self.x)
        else:
            _, self.h, self.c = self.step(self.x, self.h, self.c)


def main():
    peer = None
    try:
        peer = TorchPeer() if FRAMEWORK == "torch" else KerasPeer()
        reply({"ok": True, "version": peer.version, "threads": THREADS})
    except Exception as e:  # noqa: BLE001 - report any import failure to the driver
        reply({"error": f"{type(e).__name__}: {e}"})
        return
    for line in sys.stdin:
        req = json.loads(line)
        try:
            if req["op"] == "build":
                peer.build(req["kind"], req["T"], req["F"], req["H"], req["B"])
                reply({"ok": True})
            elif req["op"] == "run":
                mode = req["mode"]
                walls = []
                cpu0 = time.process_time()
                start = time.perf_counter()
                while len(walls) < req["max"] and (len(walls) < req["min"] or time.perf_counter() - start < req["seconds"]):
                    t0 = time.perf_counter()
                    peer.call(mode)
                    walls.append(time.perf_counter() - t0)
                reply({"wall": walls, "cpu": time.process_time() - cpu0, "calls": len(walls)})
            elif req["op"] == "quit":
                return
        except Exception as e:  # noqa: BLE001
            reply({"error": f"{type(e).__name__}: {e}"})


if __name__ == "__main__":
    main()
