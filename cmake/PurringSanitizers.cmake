# PURRING_SANITIZE=address,undefined (or thread) instruments every target.
if(PURRING_SANITIZE)
  set(_purring_san_flags "-fsanitize=${PURRING_SANITIZE}" -fno-omit-frame-pointer
      -fno-sanitize-recover=all)
  add_compile_options(${_purring_san_flags})
  add_link_options(${_purring_san_flags})
endif()
