"""purring.release_memory: the large blocks kept between evaluations."""

import unittest

import purring

from test_evaluate_to import large_request


class ReleaseMemoryTest(unittest.TestCase):

  def test_a_large_evaluations_blocks_are_kept_until_released(self):
    purring.release_memory()
    request = large_request(copies=200)  # 38 600 invoices
    first = purring.evaluate_bytes(request)
    kept = purring.release_memory()
    self.assertGreaterEqual(kept, 2 << 20)  # blocks of 2 MiB and up
    self.assertEqual(purring.release_memory(), 0)
    # Evaluated again into blocks an earlier evaluation wrote: the same bytes.
    purring.evaluate_bytes(request)
    self.assertEqual(purring.evaluate_bytes(request), first)
    self.assertGreater(purring.release_memory(), 0)

  def test_a_small_evaluation_keeps_nothing(self):
    purring.release_memory()
    purring.evaluate_bytes(large_request(copies=1))
    self.assertEqual(purring.release_memory(), 0)


if __name__ == "__main__":
  unittest.main()
