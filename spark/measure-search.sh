#!/usr/bin/env bash
# Wall time of one search in four settings on this machine, alternated round by round (on a shared machine
# single timings are noisy: compare the fastest of each setting):
#   parallel 2   ./castnet search SPEC --parallel 2                 (threads of one JVM, no Spark)
#   local[2]     ./castnet search SPEC --spark 'local[2]'           (Spark embedded in that JVM)
#   1 worker     a standalone master and one worker of 2 cores      (one executor JVM, 2 task slots)
#   2 workers    a standalone master and two workers of 1 core each (two executor JVMs, 1 task slot each)
# Every run must give the same table (search.csv without its seconds column); the script checks that.
#
#   spark/measure-search.sh ROUNDS SPEC [search options...]
#   spark/measure-search.sh 3 samples/src/main/nn/digits_search.nn
#   spark/measure-search.sh 2 samples/src/main/nn/fashion.nn --data fashion-mnist --epochs 3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
rounds=$1 spec=$2
shift 2
work="$(mktemp -d)"
fds=()
cleanup() {
    local status=$?
    for fd in "${fds[@]}"; do eval "exec $fd>&-"; done # end of input: the clusters stop
    wait
    if [ "$status" -eq 0 ]; then rm -rf "$work"; else echo "logs kept in $work" >&2; fi
}
trap cleanup EXIT

"$root/castnet" search --help >/dev/null              # builds the command line
"$root/castnet" search --help --spark local >/dev/null # and the spark module

start_cluster() { # NAME WORKERS CORES: sets master to its URL (no subshell: it holds the cluster's input)
    mkfifo "$work/$1.in"
    java -cp "$root/spark/target/classes:$(cat "$root/spark/target/classpath.txt")" dev.castnet.spark.LocalCluster \
        --workers "$2" --cores "$3" --jars "$root/spark/target/spark-classpath.txt" <"$work/$1.in" >"$work/$1.out" 2>&1 &
    local pid=$! fd
    exec {fd}>"$work/$1.in" # held open until the end
    fds+=("$fd")
    until grep -qs '^spark://' "$work/$1.out"; do
        kill -0 "$pid" 2>/dev/null || { cat "$work/$1.out" >&2; exit 1; }
        sleep 1
    done
    master=$(grep -o '^spark://[^ ]*' "$work/$1.out")
}
start_cluster one 1 2
one=$master
start_cluster two 2 1
two=$master

names=("parallel 2" "local[2]" "1 worker" "2 workers")
args=("--parallel 2" "--spark local[2]" "--spark $one" "--spark $two")
declare -A best
reference=""
for ((r = 1; r <= rounds; r++)); do
    for i in "${!names[@]}"; do
        out="$work/out"
        rm -rf "$out"
        start=$(date +%s%N)
        # shellcheck disable=SC2086
        if ! JAVA_OPTS="-Dspark.executor.memory=2g" "$root/castnet" search "$spec" --out "$out" "$@" ${args[$i]} \
            >"$work/log" 2>&1; then
            cat "$work/log" >&2
            exit 1
        fi
        seconds=$(( ($(date +%s%N) - start) / 1000000 ))
        table=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "seconds") s = i } { $s = ""; print }' OFS=, "$out/search.csv")
        [ -n "$reference" ] || reference=$table
        [ "$table" = "$reference" ] || { echo "${names[$i]}: the table differs" >&2; diff <(echo "$reference") <(echo "$table") >&2; exit 1; }
        printf 'round %d  %-10s %7.1f s\n' "$r" "${names[$i]}" "$(echo "$seconds / 1000" | bc -l)"
        [ -z "${best[$i]:-}" ] || [ "$seconds" -lt "${best[$i]}" ] && best[$i]=$seconds
    done
done
echo "fastest of $rounds (same table in every run):"
for i in "${!names[@]}"; do printf '  %-10s %7.1f s\n' "${names[$i]}" "$(echo "${best[$i]} / 1000" | bc -l)"; done
