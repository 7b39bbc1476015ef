#!/usr/bin/env python3
"""The machine's single-precision GEMM peak through numpy's BLAS (OpenBLAS on Debian), square sizes 256-2048,
best of 5. With one BLAS thread (OPENBLAS_NUM_THREADS=1) it times by the thread's CPU time, so other processes on
a shared machine disturb it less; with more (OPENBLAS_NUM_THREADS=2, all the cores) by the wall clock, since the
calling thread's CPU time leaves the other threads out. See README.md for the OPENBLAS_CORETYPE note."""
import os, time, numpy as np
threads = int(os.environ.get("OPENBLAS_NUM_THREADS", "0") or 0)
clock = time.thread_time if threads == 1 else time.perf_counter
for n in (256, 512, 1024, 2048):
    a = np.random.rand(n, n).astype(np.float32); b = np.random.rand(n, n).astype(np.float32); c = np.empty((n, n), np.float32)
    for _ in range(3): np.matmul(a, b, out=c)
    reps = max(3, int(4e9 / (2 * n**3)))
    bt = 1e9
    for r in range(5):
        t = clock()
        for _ in range(reps): np.matmul(a, b, out=c)
        bt = min(bt, (clock() - t) / reps)
    print(f"numpy sgemm {n}: {2*n**3/bt/1e9:.1f} GFLOP/s ({'thread CPU time' if clock is time.thread_time else 'wall clock'})", flush=True)
