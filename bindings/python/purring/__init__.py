"""purring: the Norwegian dunning engine, over its C ABI.

  import purring
  response = purring.evaluate(request)        # purring.v1 messages
  purring.evaluate_to(request_bytes, out.write)  # the response in pieces
  text = purring.evaluate_json(request_json)  # the proto3 JSON mapping
  purring.version()                           # "1.0.0"
  purring.release_memory()                    # after a large ledger

A refused request raises purring.Error carrying .code and .message.
The purring.v1 message classes (purring.v1.evaluate_pb2, ...) are generated
from proto/ at build time; evaluate_json needs no protobuf runtime.
"""

import ctypes
import pkgutil

from purring import _native
from purring.errors import Error, StatusCode

# The generated purring.v1 modules live in the build tree, in another
# directory on sys.path that also holds a purring/ folder.
__path__ = pkgutil.extend_path(__path__, __name__)

__all__ = ["ABI_VERSION", "Error", "StatusCode", "abi_version", "evaluate",
           "evaluate_bytes", "evaluate_json", "evaluate_to", "release_memory",
           "validate", "version"]

ABI_VERSION = _native.ABI_VERSION
_lib = _native.load()


def version():
  """The loaded library's version, e.g. "1.0.0"."""
  return _lib.purring_version().decode("utf-8")


def abi_version():
  """The loaded library's ABI number (equal to ABI_VERSION once loaded)."""
  return _lib.purring_abi_version()


def library_path():
  """The file the library was loaded from, as passed to the loader."""
  return _lib._name


def _copy(address, size):
  """The size bytes at address. Not ctypes.string_at, which takes the size
  as a C int: a response of 2 GiB or more would fail, one of 4 GiB or more
  come back cut short without a word."""
  if not address or not size:
    return b""
  return bytes((ctypes.c_char * size).from_address(address))


def _call(function, data):
  """Calls a bytes-in, buffer-out entry point: returns the bytes on
  success, raises Error with the library's message on failure. The buffer
  is copied, then freed, whatever happens."""
  buffer = _native.Buffer()
  try:
    code = function(data, len(data), ctypes.byref(buffer))
    out = _copy(buffer.data, buffer.size)
  finally:
    _lib.purring_buffer_free(ctypes.byref(buffer))
  if code != 0:
    raise Error(code, out.decode("utf-8", errors="replace"))
  return out


def _as_bytes(data, what):
  """Bytes as they are; a protobuf message (an EvaluateRequest) serialized."""
  if isinstance(data, (bytes, bytearray, memoryview)):
    return bytes(data)
  descriptor = getattr(type(data), "DESCRIPTOR", None)
  if getattr(descriptor, "full_name", None) == "purring.v1.EvaluateRequest":
    return data.SerializeToString()
  raise TypeError("%s must be bytes or a purring.v1.EvaluateRequest, not %s" %
                  (what, type(data).__name__))


def evaluate_bytes(request):
  """Serialized EvaluateRequest (or the message) in, serialized
  EvaluateResponse out."""
  return _call(_lib.purring_evaluate, _as_bytes(request, "request"))


def evaluate_to(request, write):
  """Serialized EvaluateRequest (or the message) in; the serialized EvaluateResponse handed
  to write(piece) in pieces (bytes, up to about 1 MiB each, in order) as it
  is made, e.g. write=open(path, "wb").write. Together the pieces are
  evaluate_bytes's response, but on one thread neither side holds a large
  ledger's response whole. On Error, what write received is not a
  response: discard it. An exception raised by write stops the evaluation
  and is raised again here."""
  data = _as_bytes(request, "request")
  raised = []

  def write_piece(_context, piece, size):
    try:
      write(_copy(piece, size))
      return 0
    except BaseException as error:  # pylint: disable=broad-except
      raised.append(error)
      return 1

  callback = _native.WRITE_FN(write_piece)  # alive until the call returns
  buffer = _native.Buffer()
  try:
    code = _lib.purring_evaluate_to(data, len(data), callback, None,
                                    ctypes.byref(buffer))
    message = _copy(buffer.data, buffer.size)
  finally:
    _lib.purring_buffer_free(ctypes.byref(buffer))
  if raised:
    raise raised[0]
  if code != 0:
    raise Error(code, message.decode("utf-8", errors="replace"))


def evaluate_json(request):
  """EvaluateRequest JSON (str or UTF-8 bytes) in, EvaluateResponse JSON
  (str) out."""
  if isinstance(request, str):
    request = request.encode("utf-8")
  if not isinstance(request, (bytes, bytearray, memoryview)):
    raise TypeError("request must be JSON as str or bytes, not %s" %
                    type(request).__name__)
  return _call(_lib.purring_evaluate_json, bytes(request)).decode("utf-8")


def evaluate(request):
  """purring.v1.EvaluateRequest (or its serialized bytes) in,
  purring.v1.EvaluateResponse out."""
  from purring.v1 import evaluate_pb2  # pylint: disable=import-outside-toplevel
  data = _as_bytes(request, "request")
  response = evaluate_pb2.EvaluateResponse()
  response.ParseFromString(evaluate_bytes(data))
  return response


def validate(request):
  """Checks a purring.v1.EvaluateRequest (or its serialized bytes) without
  evaluating it; raises Error naming the first bad record."""
  _call(_lib.purring_validate, _as_bytes(request, "request"))


def release_memory():
  """Gives back to the system the large blocks the library keeps between
  evaluations (up to 1.5 GiB; README, "Memory kept between evaluations"), for
  a process that evaluated a large ledger and will not evaluate again soon.
  Returns the bytes given back."""
  return _lib.purring_release_memory()
