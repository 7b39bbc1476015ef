#!/usr/bin/env python3
"""The machine's single-precision GEMM peak through numpy's BLAS (OpenBLAS on Debian), square sizes 256-2048,
best of 5, timed by the thread's CPU time so other processes on a shared machine disturb it less.
Run with OPENBLAS_NUM_THREADS=1 for one core; see README.md for the OPENBLAS_CORETYPE note."""
import time, numpy as np, sys
for n in (256, 512, 1024, 2048):
    a = np.random.rand(n, n).astype(np.float32); b = np.random.rand(n, n).astype(np.float32); c = np.empty((n, n), np.float32)
    for _ in range(3): np.matmul(a, b, out=c)
    reps = max(3, int(4e9 / (2 * n**3)))
    bt = 1e9
    for r in range(5):
        t = time.thread_time()
        for _ in range(reps): np.matmul(a, b, out=c)
        bt = min(bt, (time.thread_time() - t) / reps)
    print(f"numpy sgemm {n}: {2*n**3/bt/1e9:.1f} GFLOP/s", flush=True)
