#!/usr/bin/env bash
# castnet and the PyTorch baselines side by side, in alternating rounds, on this machine: the Fashion MLP (with and
# without the Vector API flag), the conv net and the LSTM over image rows on the first 10000 Fashion images, and
# the digits MLP. A busy machine only slows runs, so compare the fastest epoch of each across rounds.
#
#   bench/side-by-side.sh PYTORCH_BASELINES_DIR [rounds] [java]
#
# PYTORCH_BASELINES_DIR holds torch_mlp.py and torch_seq.py (PyTorch 1.13: apt-get install python3-torch); they run
# with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, which some machines set to hold OpenBLAS to older kernels.
# An OpenBLAS older than the CPU falls back to generic kernels (Debian 12's 0.3.21 says "Core: Prescott" on Sapphire
# Rapids with OPENBLAS_VERBOSE=2, and PyTorch's Fashion epoch takes 2-3 times longer); give it the newest kernels it
# has through TORCH_ENV, e.g. TORCH_ENV=OPENBLAS_CORETYPE=Cooperlake.
# Build first: mvn -q -B -DskipTests -pl bench -am package. Output: one log per run under runs/side-by-side/.
set -euo pipefail
baselines="${1:?usage: bench/side-by-side.sh PYTORCH_BASELINES_DIR [rounds] [java]}"
rounds="${2:-3}"
java="${3:-java}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
out="$root/runs/side-by-side"
mkdir -p "$out"
python="${PYTHON:-python3}"
vector=(--add-modules jdk.incubator.vector)

read -r -a torch_env <<< "${TORCH_ENV:-}"
torch() { (cd "$baselines" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${torch_env[@]}" "$python" "$@"); }

for round in $(seq 1 "$rounds"); do
    echo "round $round of $rounds" >&2
    torch torch_mlp.py fashion 3 64 adam 2 > "$out/torch-mlp-$round.log" 2>&1
    "$java" "${vector[@]}" -cp "$jar" dev.castnet.bench.FashionEpoch 3 > "$out/castnet-mlp-vector-$round.log" 2>&1
    "$java" -cp "$jar" dev.castnet.bench.FashionEpoch 3 > "$out/castnet-mlp-plain-$round.log" 2>&1
    torch torch_seq.py cnn 3 64 2 10000 > "$out/torch-cnn-$round.log" 2>&1
    "$java" "${vector[@]}" -cp "$jar" dev.castnet.bench.SeqEpoch cnn 3 64 10000 > "$out/castnet-cnn-$round.log" 2>&1
    torch torch_seq.py lstm 3 64 2 10000 > "$out/torch-lstm-$round.log" 2>&1
    "$java" "${vector[@]}" -cp "$jar" dev.castnet.bench.SeqEpoch lstm 3 64 10000 > "$out/castnet-lstm-$round.log" 2>&1
    torch torch_mlp.py digits 15 32 adam 2 > "$out/torch-digits-$round.log" 2>&1
    "$java" "${vector[@]}" -cp "$jar" dev.castnet.bench.DigitsEpoch 15 > "$out/castnet-digits-$round.log" 2>&1
done
echo "logs in $out" >&2
