"""purring.evaluate_to: the response handed to a write function in pieces."""

import os
import tempfile
import unittest

from google.protobuf import json_format

import purring
from purring.v1 import evaluate_pb2

import support


def large_request(copies):
  """The demo ledger with its invoices copied under new numbers, so that
  the response takes several pieces of about 1 MiB."""
  request = json_format.Parse(support.demo_text(),
                              evaluate_pb2.EvaluateRequest())
  originals = list(request.invoices)
  for k in range(1, copies):
    for invoice in originals:
      copy = request.invoices.add()
      copy.CopyFrom(invoice)
      copy.number = str(k * 1000000 + int(invoice.number))
  return request.SerializeToString()


class EvaluateToTest(unittest.TestCase):

  def test_the_pieces_are_evaluate_bytes_response(self):
    request = large_request(copies=20)  # 3 840 invoices
    pieces = []
    purring.evaluate_to(request, pieces.append)
    self.assertGreaterEqual(len(pieces), 2)
    self.assertTrue(all(isinstance(piece, bytes) for piece in pieces))
    self.assertEqual(b"".join(pieces), purring.evaluate_bytes(request))

  def test_a_file_receives_the_response(self):
    request = large_request(copies=2)
    with tempfile.TemporaryDirectory() as directory:
      path = os.path.join(directory, "response.bin")
      with open(path, "wb") as out:
        purring.evaluate_to(request, out.write)
      with open(path, "rb") as written:
        response = evaluate_pb2.EvaluateResponse.FromString(written.read())
    self.assertEqual(len(response.results), 2 * 193)

  def test_an_exception_in_write_stops_and_is_raised_again(self):
    calls = []

    def full_disk(piece):
      calls.append(len(piece))
      raise OSError(28, "No space left on device")

    with self.assertRaises(OSError) as caught:
      purring.evaluate_to(large_request(copies=20), full_disk)
    self.assertEqual(caught.exception.errno, 28)
    self.assertEqual(len(calls), 1)

  def test_a_refused_request_raises_error(self):
    pieces = []
    with self.assertRaises(purring.Error) as caught:
      purring.evaluate_to(b"\xff\xff\xff", pieces.append)
    self.assertEqual(caught.exception.code,
                     purring.StatusCode.INVALID_ARGUMENT)
    self.assertEqual(pieces, [])

  def test_the_request_must_be_bytes(self):
    with self.assertRaises(TypeError):
      purring.evaluate_to("not bytes", print)


if __name__ == "__main__":
  unittest.main()
