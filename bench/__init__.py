"""Benchmarks run by `make bench`: every module `bench/bench_*.py` with a `main()`."""
