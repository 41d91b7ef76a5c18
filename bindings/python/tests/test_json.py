"""purring.evaluate_json: the JSON entry point and its errors."""

import concurrent.futures
import ctypes
import json
import pickle
import unittest

import purring

import support

EVERY_STATUS = {
    "INVOICE_STATUS_NOT_DUE", "INVOICE_STATUS_PAID",
    "INVOICE_STATUS_BEFORE_CUTOFF", "INVOICE_STATUS_READY_TO_SEND",
    "INVOICE_STATUS_DEADLINE_NOT_EXPIRED", "INVOICE_STATUS_DO_NOT_DUN",
    "INVOICE_STATUS_ON_HOLD", "INVOICE_STATUS_CONSIDER_COLLECTION",
    "INVOICE_STATUS_IN_COLLECTION", "INVOICE_STATUS_WAITING",
    "INVOICE_STATUS_BELOW_MINIMUM"}


class EvaluateJsonTest(unittest.TestCase):

  def test_truncated_json_raises_invalid_argument(self):
    text = support.demo_text()
    with self.assertRaises(purring.Error) as caught:
      purring.evaluate_json(text[:len(text) // 2])
    self.assertEqual(caught.exception.code, purring.StatusCode.INVALID_ARGUMENT)
    self.assertIn("JSON", caught.exception.message)
    self.assertIn("INVALID_ARGUMENT", str(caught.exception))

  def test_a_refusal_crosses_processes(self):
    # pickle carries an exception between processes: a refusal in a
    # ProcessPoolExecutor's worker once broke the whole pool instead.
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
      future = pool.submit(purring.evaluate_json, '{"asOf": ')
      with self.assertRaises(purring.Error) as caught:
        future.result(timeout=60)
    self.assertEqual(caught.exception.code, purring.StatusCode.INVALID_ARGUMENT)
    self.assertIn("at the end of the request", caught.exception.message)
    again = pickle.loads(pickle.dumps(caught.exception))
    self.assertEqual((again.code, again.message, str(again)),
                     (caught.exception.code, caught.exception.message,
                      str(caught.exception)))

  def test_a_buffer_is_copied_whole(self):
    # purring._copy, not ctypes.string_at (whose size is a C int: 2 GiB or
    # more failed, 4 GiB or more came back cut short).
    buffer = ctypes.create_string_buffer(b"purring\x00whole", 13)
    self.assertEqual(purring._copy(ctypes.addressof(buffer), 13),
                     b"purring\x00whole")
    self.assertEqual(purring._copy(None, 0), b"")

  def test_a_refused_record_is_named(self):
    ledger = support.demo_dict()
    invoice = ledger["invoices"][7]
    invoice["dueDate"] = "2026-02-30"
    with self.assertRaises(purring.Error) as caught:
      purring.evaluate_json(json.dumps(ledger))
    self.assertEqual(caught.exception.code, purring.StatusCode.INVALID_ARGUMENT)
    self.assertIn('invoice "%s"' % invoice["number"], caught.exception.message)
    self.assertIn("2026-02-30", caught.exception.message)

  def test_bytes_and_str_give_the_same_answer(self):
    errors = []
    for request in ('{"asOf": 7}', b'{"asOf": 7}'):
      with self.assertRaises(purring.Error) as caught:
        purring.evaluate_json(request)
      errors.append((caught.exception.code, caught.exception.message))
    self.assertEqual(errors[0], errors[1])

  def test_other_types_are_a_type_error(self):
    with self.assertRaises(TypeError):
      purring.evaluate_json(42)

  def test_the_demo_ledger_evaluates_into_every_status(self):
    request = support.demo_dict()
    response = json.loads(purring.evaluate_json(support.demo_text()))
    numbers = [r["invoiceNumber"] for r in response["results"]]
    self.assertEqual(numbers, [i["number"] for i in request["invoices"]])
    self.assertEqual({r["status"] for r in response["results"]}, EVERY_STATUS)
    self.assertEqual(response["engineVersion"], purring.version())


if __name__ == "__main__":
  unittest.main()
