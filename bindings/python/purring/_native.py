"""Loads libpurring and binds the C ABI (capi/purring.h) with ctypes.

Every prototype is applied once, at load, from one table: a library that
lacks a symbol fails here with a message naming it, not later at a call.
"""

import ctypes
import ctypes.util
import os
import sys

# The ABI number this binding is written against (PURRING_ABI_VERSION).
ABI_VERSION = 1

# The environment variable naming the library file to load.
LIBRARY_ENV = "PURRING_LIBRARY"


class Buffer(ctypes.Structure):
  """struct purring_buffer: library-allocated bytes, freed only by
  purring_buffer_free()."""
  _fields_ = [("data", ctypes.c_void_p), ("size", ctypes.c_size_t)]


_BUFFER_P = ctypes.POINTER(Buffer)

# purring_write_fn: int (*)(void* context, const uint8_t* data, size_t size).
WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p,
                            ctypes.c_size_t)

# name -> (restype, argtypes), as declared in capi/purring.h.
PROTOTYPES = {
    "purring_version": (ctypes.c_char_p, []),
    "purring_abi_version": (ctypes.c_int, []),
    "purring_status_name": (ctypes.c_char_p, [ctypes.c_int]),
    "purring_evaluate": (ctypes.c_int,
                         [ctypes.c_char_p, ctypes.c_size_t, _BUFFER_P]),
    "purring_evaluate_to": (ctypes.c_int,
                            [ctypes.c_char_p, ctypes.c_size_t, WRITE_FN,
                             ctypes.c_void_p, _BUFFER_P]),
    "purring_evaluate_json": (ctypes.c_int,
                              [ctypes.c_char_p, ctypes.c_size_t, _BUFFER_P]),
    "purring_validate": (ctypes.c_int,
                         [ctypes.c_char_p, ctypes.c_size_t, _BUFFER_P]),
    "purring_buffer_free": (None, [_BUFFER_P]),
    "purring_release_memory": (ctypes.c_size_t, []),
}


def _library_names():
  if sys.platform == "win32":
    return ["purring.dll"]
  if sys.platform == "darwin":
    return ["libpurring.1.dylib", "libpurring.dylib"]
  return ["libpurring.so.1", "libpurring.so"]


def candidates():
  """The places tried, in order: $PURRING_LIBRARY alone when it is set;
  otherwise next to this package, then the system's library path."""
  explicit = os.environ.get(LIBRARY_ENV)
  if explicit:
    return [explicit]
  here = os.path.dirname(os.path.abspath(__file__))
  found = [os.path.join(here, name) for name in _library_names()]
  system = ctypes.util.find_library("purring")
  if system:
    found.append(system)
  found.extend(_library_names())
  return found


def bind(library):
  """Applies PROTOTYPES to a loaded ctypes.CDLL; raises ImportError naming
  the first missing symbol."""
  for name, (restype, argtypes) in PROTOTYPES.items():
    try:
      function = getattr(library, name)
    except AttributeError:
      raise ImportError(
          "purring: the library %r has no symbol %s; it is not a compatible "
          "libpurring" % (getattr(library, "_name", library), name)) from None
    function.restype = restype
    function.argtypes = argtypes
  return library


def check_abi(library):
  """Refuses a library built for another ABI than this binding."""
  found = library.purring_abi_version()
  if found != ABI_VERSION:
    raise ImportError(
        "purring: %s has ABI version %d, this binding needs %d" %
        (getattr(library, "_name", "libpurring"), found, ABI_VERSION))


def load():
  """Finds, loads, binds and checks libpurring; raises ImportError saying
  every place it tried when none works."""
  tried = []
  for path in candidates():
    is_file_path = os.sep in path
    if is_file_path and not os.path.exists(path):
      tried.append("%s (no such file)" % path)
      continue
    try:
      library = ctypes.CDLL(path)
    except OSError as error:
      tried.append("%s (%s)" % (path, error))
      continue
    bind(library)
    check_abi(library)
    return library
  if os.environ.get(LIBRARY_ENV):
    raise ImportError(
        "purring: cannot load libpurring from %s=%s (only that path is "
        "tried when it is set): %s" %
        (LIBRARY_ENV, os.environ[LIBRARY_ENV], "; ".join(tried)))
  raise ImportError(
      "purring: cannot load libpurring; set %s to the library's path. "
      "Tried: %s" % (LIBRARY_ENV, "; ".join(tried)))
