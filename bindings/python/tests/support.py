"""Shared helpers of the binding's tests: paths and the demo ledger."""

import json
import os

SOURCE_DIR = os.environ.get(
    "PURRING_SOURCE_DIR",
    os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))
DEMO_LEDGER = os.path.join(SOURCE_DIR, "examples", "demo_ledger.json")
HEADER = os.path.join(SOURCE_DIR, "capi", "purring.h")


def header_define(name):
  """The value of a #define in capi/purring.h, quotes stripped."""
  with open(HEADER, encoding="utf-8") as f:
    for line in f:
      parts = line.split()
      if len(parts) >= 3 and parts[0] == "#define" and parts[1] == name:
        return parts[2].strip('"')
  raise KeyError(name)


def demo_text():
  with open(DEMO_LEDGER, encoding="utf-8") as f:
    return f.read()


def demo_dict():
  return json.loads(demo_text())
