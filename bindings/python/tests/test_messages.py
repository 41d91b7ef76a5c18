"""purring.evaluate with the generated purring.v1 message classes."""

import os
import subprocess
import sys
import unittest

from google.protobuf import json_format

import purring
from purring.v1 import evaluate_pb2
from purring.v1 import ledger_pb2

import support


def demo_request():
  return json_format.Parse(support.demo_text(), evaluate_pb2.EvaluateRequest())


class MessagesTest(unittest.TestCase):

  def test_the_demo_ledger_parses_and_validates(self):
    request = demo_request()
    self.assertEqual(len(request.invoices), 193)
    purring.validate(request)  # raises on a refused record

  def test_an_unknown_customer_is_refused_naming_the_invoice(self):
    request = demo_request()
    request.invoices.append(ledger_pb2.Invoice(
        number="99999", customer_id="NOBODY", invoice_date="2026-11-01",
        due_date="2026-11-15", amount=10000))
    with self.assertRaises(purring.Error) as caught:
      purring.evaluate(request)
    self.assertEqual(caught.exception.code, purring.StatusCode.INVALID_ARGUMENT)
    self.assertIn('invoice "99999"', caught.exception.message)
    self.assertIn("NOBODY", caught.exception.message)

  def test_garbage_bytes_are_refused(self):
    with self.assertRaises(purring.Error) as caught:
      purring.evaluate_bytes(b"\xff\xff\xff")
    self.assertEqual(caught.exception.code, purring.StatusCode.INVALID_ARGUMENT)

  def test_every_entry_point_takes_a_request_message_or_its_bytes(self):
    request = demo_request()
    data = request.SerializeToString()
    self.assertEqual(purring.evaluate(data), purring.evaluate(request))
    self.assertEqual(purring.evaluate_bytes(request),
                     purring.evaluate_bytes(data))
    pieces = []
    purring.evaluate_to(request, pieces.append)
    self.assertEqual(b"".join(pieces), purring.evaluate_bytes(data))
    purring.validate(data)
    with self.assertRaises(purring.Error) as caught:
      purring.evaluate(b"")  # an empty request: no as-of instant
    self.assertIn("as_of", caught.exception.message)
    for call in (purring.evaluate, purring.evaluate_bytes, purring.validate,
                 lambda r: purring.evaluate_to(r, pieces.append)):
      with self.assertRaises(TypeError):
        call(ledger_pb2.Invoice())  # another message is not a request
      with self.assertRaises(TypeError):
        call({})
    with self.assertRaises(TypeError) as json_error:
      purring.evaluate_json({})
    self.assertIn("str or bytes", str(json_error.exception))

  def test_messages_imported_before_the_library_still_work(self):
    # Debian's python3-protobuf (cpp backend) shares libprotobuf with
    # libpurring; loading protobuf first must not clash with the library's
    # registered purring/v1 files.
    code = ("from google.protobuf import timestamp_pb2, json_format\n"
            "import purring\n"
            "from purring.v1 import evaluate_pb2\n"
            "r = evaluate_pb2.EvaluateRequest()\n"
            "r.as_of.seconds = 1795852800\n"
            "purring.validate(r)\n"
            "print(evaluate_pb2.DESCRIPTOR.name)\n")
    result = subprocess.run([sys.executable, "-c", code], env=os.environ,
                            capture_output=True, text=True, timeout=60,
                            check=False)
    self.assertEqual(result.returncode, 0, result.stderr)
    self.assertEqual(result.stdout.strip(), "purring/v1/evaluate.proto")

  def test_the_demo_ledger_evaluates(self):
    request = demo_request()
    response = purring.evaluate(request)
    self.assertEqual([r.invoice_number for r in response.results],
                     [i.number for i in request.invoices])
    self.assertEqual(response.as_of_date, "2026-11-28")
    counted = sum(c.count for c in response.status_counts)
    self.assertEqual(counted, len(request.invoices))


if __name__ == "__main__":
  unittest.main()
