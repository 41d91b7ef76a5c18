# Installation: the CMake package (purring::purring, purring::purring_c) and
# purring.pc. Tests and benchmarks are never installed.
