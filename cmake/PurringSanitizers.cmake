# PURRING_SANITIZE=address,undefined (or thread) instruments every target.
# UBSan does not recover: any undefined behaviour fails the test or fuzzer.
if(PURRING_SANITIZE)
  set(_purring_san_flags "-fsanitize=${PURRING_SANITIZE}" -fno-omit-frame-pointer
      -fno-sanitize-recover=all)
  add_compile_options(${_purring_san_flags})
  add_link_options(${_purring_san_flags})
endif()

# With PURRING_BUILD_FUZZERS every target gets libFuzzer's coverage
# instrumentation (the fuzz targets add -fsanitize=fuzzer themselves), so that
# the fuzzers are guided by the engine's branches, not only their own.
if(PURRING_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PURRING_BUILD_FUZZERS needs clang (libFuzzer): "
                        "configure with CC=clang CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
