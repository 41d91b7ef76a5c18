#!/usr/bin/env bash
# Hardening checks (issue 7), run by .ci/run after the main build and tests,
# from the repository root of a fresh clone:
#   1. the whole test suite built with AddressSanitizer + UndefinedBehavior-
#      Sanitizer (gcc) and run with ctest;
#   2. the concurrency test and the sharded evaluation built with
#      ThreadSanitizer and run;
#   3. the two libFuzzer targets (clang, ASan + UBSan) for FUZZ_SECONDS each,
#      seeded from examples/*.json and fuzz/seeds/json/, then the differential
#      evaluate_bytes_fuzzer for half of FUZZ_SECONDS.
# Any sanitizer report, crash, leak, timeout or test failure fails the script.
#
# Debian 12 packages, besides the main build's (cmake make g++ pkg-config
# tzdata libabsl-dev libprotobuf-dev protobuf-compiler libgtest-dev
# libgmock-dev): clang libclang-rt-14-dev (libFuzzer and the sanitizer
# runtimes for clang; gcc's libasan/libubsan/libtsan come with g++).
#
# Environment: PURRING_JOBS (default 2), PURRING_FUZZ_SECONDS (default 60),
# PURRING_HARDENING_STEPS (default "asan tsan fuzz": the steps to run).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

jobs=${PURRING_JOBS:-2}
fuzz_seconds=${PURRING_FUZZ_SECONDS:-60}
steps=" ${PURRING_HARDENING_STEPS:-asan tsan fuzz} "
wants() { [[ "$steps" == *" $1 "* ]]; }
asan_dir=build-hard-asan
tsan_dir=build-hard-tsan
fuzz_dir=build-hard-fuzz
# Quick to compile, still optimised enough to run the suite in seconds.
opt_flags="-O1 -g1"

started=$SECONDS
step() { echo; echo "=== hardening: $* ($((SECONDS - started)) s so far)"; }

# Sanitizer run-time options: stop at the first report, with a stack.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:verify_asan_link_order=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

if wants asan; then
step "1/3 AddressSanitizer + UndefinedBehaviorSanitizer: build the test suite"
cmake -S . -B "$asan_dir" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_C_FLAGS="$opt_flags" -DCMAKE_CXX_FLAGS="$opt_flags" \
  -DPURRING_SANITIZE=address,undefined \
  -DPURRING_BUILD_TESTS=ON -DPURRING_BUILD_BENCHMARKS=OFF -DPURRING_BUILD_TOOLS=ON
cmake --build "$asan_dir" -j"$jobs"

step "1/3 AddressSanitizer + UndefinedBehaviorSanitizer: ctest"
# Tests whose host process is an interpreter (Python, mono) load the
# instrumented library into a process that was not built with ASan: they run
# with the runtime preloaded and without leak checking (the interpreters'
# own allocations at exit are not ours).
host_tests='^(python|csharp)'
# install_consumer builds an uninstrumented program against the installed
# (here: instrumented) static library; it is a packaging test, run by the
# main CI build.
ctest --test-dir "$asan_dir" --output-on-failure -j"$jobs" \
  -E "$host_tests|^install_consumer$"
if ctest --test-dir "$asan_dir" -N -R "$host_tests" | grep -q "Total Tests: [1-9]"; then
  LD_PRELOAD="$(g++ -print-file-name=libasan.so):$(g++ -print-file-name=libubsan.so)" \
  ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" \
    ctest --test-dir "$asan_dir" --output-on-failure -j"$jobs" -R "$host_tests"
fi

fi

if wants tsan; then
step "2/3 ThreadSanitizer: the concurrency test and the sharded evaluation"
cmake -S . -B "$tsan_dir" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_C_FLAGS="$opt_flags" -DCMAKE_CXX_FLAGS="$opt_flags" \
  -DPURRING_SANITIZE=thread \
  -DPURRING_BUILD_TESTS=ON -DPURRING_BUILD_BENCHMARKS=OFF -DPURRING_BUILD_TOOLS=OFF
cmake --build "$tsan_dir" -j"$jobs" \
  --target concurrency_test evaluate_serialized_test evaluate_streamed_test
# TSan's shadow memory needs a fixed address layout on kernels with large
# ASLR entropy: run without address randomisation.
setarch "$(uname -m)" -R "$tsan_dir/tests/concurrency_test"
# Several shards at once (ledgers above 4 096 invoices per shard).
setarch "$(uname -m)" -R "$tsan_dir/tests/evaluate_serialized_test" \
  --gtest_filter='EvaluateSerialized.AnyThreadCount*:EvaluateSerialized.CustomersSpread*'
# The same through the streamed reading (each shard parses its invoices).
setarch "$(uname -m)" -R "$tsan_dir/tests/evaluate_streamed_test" \
  --gtest_filter='EvaluateStreamed.Taken*'

fi

if wants fuzz; then
step "3/3 libFuzzer: build the fuzz targets (clang, ASan + UBSan)"
CC=clang CXX=clang++ cmake -S . -B "$fuzz_dir" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_C_FLAGS="$opt_flags" -DCMAKE_CXX_FLAGS="$opt_flags" \
  -DPURRING_BUILD_FUZZERS=ON -DPURRING_SANITIZE=address,undefined \
  -DPURRING_BUILD_TESTS=OFF -DPURRING_BUILD_BENCHMARKS=OFF -DPURRING_BUILD_TOOLS=OFF
cmake --build "$fuzz_dir" -j"$jobs" \
  --target evaluate_fuzzer evaluate_json_fuzzer evaluate_bytes_fuzzer purring_fuzz_seed

work="$root/$fuzz_dir/run"
rm -rf "$work"
mkdir -p "$work/seeds-json" "$work/seeds-bin" "$work/corpus-json" \
         "$work/corpus-bin" "$work/artifacts"
cp fuzz/seeds/json/*.json "$work/seeds-json/"
if compgen -G "examples/*.json" > /dev/null; then cp examples/*.json "$work/seeds-json/"; fi
# Binary seeds: the JSON seeds encoded by the project's own code.
"$fuzz_dir/fuzz/purring_fuzz_seed" "$work/seeds-bin" "$work"/seeds-json/*.json

run_fuzzer() {
  local name=$1 corpus=$2 seeds=$3
  step "3/3 libFuzzer: $name for $fuzz_seconds s"
  local log="$work/$name.log"
  # The log is kept out of the CI output (protobuf notes every invalid UTF-8
  # string it meets); on failure its end, with the report, is shown.
  if ! "$fuzz_dir/fuzz/$name" -max_total_time="$fuzz_seconds" -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$work/artifacts/$name-" \
        "$corpus" "$seeds" > "$log" 2>&1; then
    tail -n 80 "$log"
    echo "hardening: $name found a problem; reproducer(s):"
    ls -l "$work/artifacts"
    exit 1
  fi
  grep -E "^Done|stat::number_of_executed_units|stat::peak_rss_mb|cov:" "$log" | tail -n 4
}
run_fuzzer evaluate_json_fuzzer "$work/corpus-json" "$work/seeds-json"
run_fuzzer evaluate_fuzzer "$work/corpus-bin" "$work/seeds-bin"
# Differential (EvaluateBytes against ParseRequest + EvaluateSerialized), from
# the binary corpus just grown; half the time, to keep CI short.
fuzz_seconds=$((fuzz_seconds / 2)) run_fuzzer evaluate_bytes_fuzzer "$work/corpus-bin" "$work/seeds-bin"
fi

step "done: all hardening checks passed in $((SECONDS - started)) s"
