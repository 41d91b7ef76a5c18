"""Loading libpurring: lookup order, prototypes, ABI and version checks."""

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import purring
from purring import _native

import support

PACKAGE_DIR = os.path.dirname(os.path.abspath(purring.__file__))


def run_python(code, env):
  return subprocess.run([sys.executable, "-c", code], env=env,
                        capture_output=True, text=True, timeout=60,
                        check=False)


class LibraryTest(unittest.TestCase):

  def test_version_matches_the_header(self):
    self.assertEqual(purring.version(),
                     support.header_define("PURRING_VERSION_STRING"))

  def test_abi_version_matches_the_header_and_the_binding(self):
    header_abi = int(support.header_define("PURRING_ABI_VERSION"))
    self.assertEqual(purring.abi_version(), header_abi)
    self.assertEqual(purring.ABI_VERSION, header_abi)

  def test_status_names_come_from_the_library(self):
    lib = _native.load()
    self.assertEqual(lib.purring_status_name(3), b"INVALID_ARGUMENT")
    self.assertEqual(lib.purring_status_name(99), b"UNKNOWN_CODE")

  def test_a_library_without_the_symbols_fails_naming_one(self):
    libc = ctypes.CDLL(None)
    with self.assertRaises(ImportError) as caught:
      _native.bind(libc)
    self.assertIn("purring_version", str(caught.exception))

  def test_another_abi_version_is_refused(self):
    class OtherAbi:
      _name = "libpurring-from-the-future.so"

      def purring_abi_version(self):
        return _native.ABI_VERSION + 1

    with self.assertRaises(ImportError) as caught:
      _native.check_abi(OtherAbi())
    self.assertIn("ABI version %d" % (_native.ABI_VERSION + 1),
                  str(caught.exception))

  def test_a_bad_environment_path_fails_at_import(self):
    env = dict(os.environ, PURRING_LIBRARY="/nonexistent/libpurring.so.1")
    result = run_python("import purring", env)
    self.assertNotEqual(result.returncode, 0)
    self.assertIn("ImportError", result.stderr)
    self.assertIn("PURRING_LIBRARY=/nonexistent/libpurring.so.1", result.stderr)
    self.assertIn("only that path is tried", result.stderr)

  def test_the_library_next_to_the_package_is_found(self):
    with tempfile.TemporaryDirectory() as root:
      package = os.path.join(root, "purring")
      shutil.copytree(PACKAGE_DIR, package,
                      ignore=shutil.ignore_patterns("__pycache__"))
      shutil.copy(purring.library_path(),
                  os.path.join(package, "libpurring.so.1"))
      env = dict(os.environ, PYTHONPATH=root)
      env.pop("PURRING_LIBRARY", None)
      result = run_python(
          "import purring; print(purring.library_path()); "
          "print(purring.version())", env)
      self.assertEqual(result.returncode, 0, result.stderr)
      path, version = result.stdout.split()
      self.assertEqual(path, os.path.join(package, "libpurring.so.1"))
      self.assertEqual(version, support.header_define("PURRING_VERSION_STRING"))


if __name__ == "__main__":
  unittest.main()
