"""The exception every failed call raises."""

import enum


class StatusCode(enum.IntEnum):
  """The C ABI's status codes (the absl::StatusCode numbers, pinned)."""
  OK = 0
  CANCELLED = 1
  UNKNOWN = 2
  INVALID_ARGUMENT = 3
  DEADLINE_EXCEEDED = 4
  NOT_FOUND = 5
  ALREADY_EXISTS = 6
  PERMISSION_DENIED = 7
  RESOURCE_EXHAUSTED = 8
  FAILED_PRECONDITION = 9
  ABORTED = 10
  OUT_OF_RANGE = 11
  UNIMPLEMENTED = 12
  INTERNAL = 13
  UNAVAILABLE = 14
  DATA_LOSS = 15
  UNAUTHENTICATED = 16


class Error(Exception):
  """A call the engine refused: .code is the status code (an int, a
  StatusCode when known), .message the engine's text naming the record."""

  def __init__(self, code, message):
    try:
      code = StatusCode(code)
    except ValueError:
      pass
    self.code = code
    self.message = message
    name = code.name if isinstance(code, StatusCode) else str(code)
    super().__init__("%s: %s" % (name, message))

  def __reduce__(self):
    # Rebuilt from code and message, so that it crosses processes (pickle,
    # multiprocessing, concurrent.futures.ProcessPoolExecutor).
    return (Error, (int(self.code), self.message))
