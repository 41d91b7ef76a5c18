// EvaluateBytes gives exactly what ParseRequest and then EvaluateSerialized
// give on irregular but valid encodings of the sample request, which a
// streamed reading of the bytes might read differently from the tree: fields
// out of order, repeated, split, unknown, non-minimal varints, wrong wire
// types, nested groups around the depth limit, empty and minimal requests.
// Each case also checks what the reference itself does (accepts, often with
// its canonical form's response, or refuses with a given message).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "evaluate_bytes_support.h"
#include "gtest/gtest.h"

namespace purring::testing_bytes {
namespace {

TEST(EvaluateBytes, TheSampleInPiecesIsTheSample) {
  const std::string canonical = SamplePieces().Canonical();
  EXPECT_EQ(canonical, Bytes(SampleRequest()));
  ExpectAccepted(canonical, "sample");
}

TEST(EvaluateBytes, InvoiceFieldsInReverseOrder) {
  Pieces p = SamplePieces();
  for (std::string& invoice : p.invoices) invoice = Reversed(invoice);
  ExpectAcceptedLikeCanonical(p.Canonical(), "invoice fields reversed");
}

TEST(EvaluateBytes, InvoiceCustomerBeforeNumber) {
  Pieces p = SamplePieces();
  std::vector<WireField> fields = SplitFields(p.invoices[1]);
  std::swap(fields[0], fields[1]);
  p.invoices[1] = Join(fields);
  ExpectAcceptedLikeCanonical(p.Canonical(), "customer_id before number");
}

TEST(EvaluateBytes, InvoiceNumberAfterOtherFields) {
  Pieces p = SamplePieces();
  std::vector<WireField> fields = SplitFields(p.invoices[2]);
  std::rotate(fields.begin(), fields.begin() + 1, fields.end());  // number last
  p.invoices[2] = Join(fields);
  ExpectAcceptedLikeCanonical(p.Canonical(), "number written last");
}

TEST(EvaluateBytes, InvoiceNumberWrittenTwiceTheLastCounts) {
  // The first value duplicates another invoice's number; the last (which
  // protobuf keeps) does not, and the notices name the last.
  {
    Pieces p = SamplePieces();
    p.invoices[2] = Len(kInvoiceNumber, "1001") + p.invoices[2];  // then "1003"
    ExpectAcceptedLikeCanonical(p.Canonical(), "number twice, first a duplicate");
  }
  // The first is unique, the last duplicates "1001": refused.
  {
    Pieces p = SamplePieces();
    p.invoices[2] += Len(kInvoiceNumber, "1001");
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "duplicate invoice number", "number twice, last a duplicate");
  }
  // A notice names the invoice by its last number only.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_notices(0)->set_invoice_number("1002-B");
    r.mutable_history()->mutable_notices(1)->set_invoice_number("1002-B");
    Pieces p = SamplePieces(r);
    p.invoices[1] += Len(kInvoiceNumber, "1002-B");
    ExpectAcceptedLikeCanonical(p.Canonical(), "notice names the last number");
  }
  // ... and not by its first.
  {
    Pieces p = SamplePieces();
    p.invoices[1] += Len(kInvoiceNumber, "1002-B");  // the notices say "1002"
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "invoice_number is not an invoice in the request",
                  "notice names the first number");
  }
}

TEST(EvaluateBytes, InvoiceCustomerWrittenTwiceTheLastCounts) {
  {
    Pieces p = SamplePieces();  // invoice 1002 is C2's
    p.invoices[1] = Len(kInvoiceCustomer, "nobody") + p.invoices[1];
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    std::swap(fields[0], fields[1]);  // number, "nobody", "C2"
    p.invoices[1] = Join(fields);
    ExpectAcceptedLikeCanonical(p.Canonical(), "customer twice, first unknown");
  }
  {
    Pieces p = SamplePieces();
    p.invoices[1] += Len(kInvoiceCustomer, "nobody");
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "is not a customer in the request", "customer twice, last unknown");
  }
  {
    Pieces p = SamplePieces();  // C1's invoice moved to C2 by a later value
    p.invoices[0] += Len(kInvoiceCustomer, "C2");
    ExpectAcceptedLikeCanonical(p.Canonical(), "customer changed by a later value");
  }
}

TEST(EvaluateBytes, InvoiceWithoutCustomerOrNumber) {
  {
    Pieces p = SamplePieces();
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    fields.erase(fields.begin() + 1);  // customer_id
    p.invoices[1] = Join(fields);
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "is not a customer in the request", "no customer_id");
  }
  {
    Pieces p = SamplePieces();
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    fields.erase(fields.begin());  // number
    p.invoices[1] = Join(fields);
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "number is required", "no number");
  }
  {
    Pieces p = SamplePieces();  // present but empty
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    fields[0].raw = Len(kInvoiceNumber, "");
    p.invoices[1] = Join(fields);
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "number is required", "empty number");
  }
  {
    Pieces p = SamplePieces();  // an empty customer id written out
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    fields[1].raw = Len(kInvoiceCustomer, "");
    p.invoices[1] = Join(fields);
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "is not a customer in the request", "empty customer_id");
  }
  {
    Pieces p = SamplePieces();  // an invoice of no fields at all
    p.invoices.push_back("");
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "number is required", "empty invoice");
  }
}

TEST(EvaluateBytes, NoticeInvoiceNumberNotFirst) {
  Pieces p = SamplePieces();
  for (std::string& notice : p.notices) {
    std::vector<WireField> fields = SplitFields(notice);
    std::rotate(fields.begin(), fields.begin() + 1, fields.end());
    notice = Join(fields);
  }
  ExpectAcceptedLikeCanonical(p.Canonical(), "notice's invoice_number last");
  // Written twice: the last names the invoice.
  Pieces twice = SamplePieces();
  twice.notices[0] = Len(kNoticeInvoice, "9999") + twice.notices[0];
  ExpectAcceptedLikeCanonical(twice.Canonical(), "notice number twice, first unknown");
  Pieces unknown_last = SamplePieces();
  unknown_last.notices[0] += Len(kNoticeInvoice, "9999");
  ExpectRefused(unknown_last.Canonical(), absl::StatusCode::kInvalidArgument,
                "invoice_number is not an invoice in the request",
                "notice number twice, last unknown");
  // Moved to another invoice by the last value: sent before 1003's
  // invoice_date.
  Pieces moved = SamplePieces();
  moved.notices[0] += Len(kNoticeInvoice, "1003");
  ExpectRefused(moved.Canonical(), absl::StatusCode::kInvalidArgument,
                "is before the invoice_date", "notice moved by a later number");
  // No invoice_number at all.
  Pieces none = SamplePieces();
  none.notices[1] = Join([&] {
    std::vector<WireField> f = SplitFields(none.notices[1]);
    f.erase(f.begin());
    return f;
  }());
  ExpectRefused(none.Canonical(), absl::StatusCode::kInvalidArgument,
                "invoice_number is not an invoice in the request", "notice without number");
}

TEST(EvaluateBytes, HistorySplitIntoSeveralFields) {
  const Pieces p = SamplePieces();
  // Notice, then the other notice and the case.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), p.Customers(),
                   p.Invoices(), Len(kHistory, Len(kHistoryNotices, p.notices[0])),
                   Len(kHistory, Len(kHistoryNotices, p.notices[1]) +
                                     Len(kHistoryCases, p.cases[0]))),
      "history in two fields");
  // Cases first, notices in a later field; one empty history field.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), p.Customers(),
                   Len(kHistory, Len(kHistoryCases, p.cases[0])),
                   Len(kHistory, ""), p.Invoices(),
                   Len(kHistory, Len(kHistoryNotices, p.notices[0]) +
                                     Len(kHistoryNotices, p.notices[1]))),
      "history in three fields around the invoices");
  // Notice, case, notice inside one history field.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), p.Customers(),
                   p.Invoices(),
                   Len(kHistory, Len(kHistoryNotices, p.notices[0]) +
                                     Len(kHistoryCases, p.cases[0]) +
                                     Len(kHistoryNotices, p.notices[1]))),
      "notices and cases interleaved");
  // The notices in reverse order: a different request (history order is
  // the request's), still the same on both paths.
  ExpectAccepted(absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings),
                              p.Customers(), p.Invoices(),
                              Len(kHistory, Len(kHistoryNotices, p.notices[1]) +
                                                Len(kHistoryNotices, p.notices[0]) +
                                                Len(kHistoryCases, p.cases[0]))),
                 "notices reversed");
}

TEST(EvaluateBytes, TopLevelFieldsInUnusualOrders) {
  const Pieces p = SamplePieces();
  const std::string as_of = Len(kAsOf, p.as_of), settings = Len(kSettings, p.settings);
  ExpectAcceptedLikeCanonical(
      absl::StrCat(as_of, settings, p.Invoices(), p.History(), p.Customers()),
      "customers after invoices and history");
  ExpectAcceptedLikeCanonical(
      absl::StrCat(p.History(), p.Invoices(), p.Customers(), settings, as_of),
      "every field in reverse order");
  ExpectAcceptedLikeCanonical(
      absl::StrCat(as_of, settings, Len(kCustomers, p.customers[0]),
                   Len(kInvoices, p.invoices[0]), Len(kCustomers, p.customers[1]),
                   Len(kInvoices, p.invoices[1]), p.History(),
                   Len(kInvoices, p.invoices[2])),
      "customers, invoices and history interleaved");
  // The second invoice's customer comes only after it.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(as_of, settings, Len(kCustomers, p.customers[0]), p.Invoices(),
                   Len(kCustomers, p.customers[1]), p.History()),
      "a customer after its invoices");
  // as_of last, after everything.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(settings, p.Customers(), p.Invoices(), p.History(), as_of),
      "as_of last");
}

TEST(EvaluateBytes, LastSynchronizedAndRateTablesAnywhere) {
  const Pieces p = SamplePieces();
  constexpr int kLastSynchronized = 2, kRateTables = 7;
  const std::string synced =
      Len(kLastSynchronized, VarintField(1, testing::kAsOfSeconds - 3600));
  v1::InterestRate row;
  row.set_valid_from("2026-01-01");
  row.set_rate_basis_points(1350);
  v1::InterestRate other;
  other.set_valid_from("2025-07-01");
  other.set_rate_basis_points(1400);
  const std::string rates = Len(kRateTables, Len(1, Bytes(row)));
  ExpectAcceptedLikeCanonical(p.Canonical() + synced + rates,
                              "last_synchronized and rate_tables after the ledger");
  ExpectAcceptedLikeCanonical(rates + synced + p.Canonical(),
                              "last_synchronized and rate_tables first");
  // Rate rows in two rate_tables fields, around the invoices.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), p.Customers(),
                   Len(kRateTables, Len(1, Bytes(other))), p.Invoices(), p.History(),
                   rates, synced, Len(kLastSynchronized, VarintField(2, 5))),
      "rate tables in two fields, last_synchronized twice");
  // A rate row that is refused, after the ledger.
  v1::InterestRate bad;
  bad.set_valid_from("2026-02-30");
  bad.set_rate_basis_points(1000);
  const Outcome refused =
      ExpectSame(p.Canonical() + Len(kRateTables, Len(1, Bytes(bad))), "bad rate row");
  EXPECT_EQ(refused.status.code(), absl::StatusCode::kInvalidArgument) << refused.status;
}

TEST(EvaluateBytes, NothingCarriesOverFromOneRecordToTheNext) {
  // A streamed reading may parse each invoice and notice into one reused
  // message: a full record followed by a bare one must not lend it anything.
  v1::EvaluateRequest r = SampleRequest();
  v1::Invoice* full = r.mutable_invoices(0);
  full->set_do_not_dun(true);
  full->set_payment_reference("1234567890");
  full->set_comment("everything set");
  v1::CreditNote* credit = full->add_credit_notes();
  credit->set_number("K9");
  credit->set_date("2026-01-05");
  credit->set_amount(1000);
  v1::Hold* hold = full->add_holds();
  hold->set_kind(v1::HOLD_KIND_MANUAL);
  hold->set_start_date("2026-01-20");
  hold->set_end_date("2026-01-25");
  v1::Invoice* bare = r.add_invoices();
  bare->set_number("1004");
  bare->set_customer_id("C1");
  bare->set_invoice_date("2025-10-01");
  bare->set_due_date("2025-10-15");
  bare->set_amount(70000);
  v1::Notice* full_notice = r.mutable_history()->add_notices();
  full_notice->set_invoice_number("1001");
  full_notice->set_step(v1::STEP_KIND_REMINDER);
  full_notice->set_sent_date("2026-01-20");
  full_notice->set_deadline("2026-02-03");
  full_notice->set_fee(3500);
  full_notice->set_compensation(1000);
  full_notice->set_interest(250);
  full_notice->set_channel(v1::CHANNEL_POST);
  full_notice->set_letter_id("C1/reminder/2026-01-20");
  full_notice->set_fee_waived_date("2026-01-22");
  v1::Notice* bare_notice = r.mutable_history()->add_notices();
  bare_notice->set_invoice_number("1004");
  bare_notice->set_step(v1::STEP_KIND_REMINDER);
  bare_notice->set_sent_date("2025-11-01");
  bare_notice->set_deadline("2025-11-15");
  ExpectAccepted(Bytes(r), "full records, then bare ones");
  // And the bare ones first.
  r.mutable_invoices()->SwapElements(0, 3);
  r.mutable_history()->mutable_notices()->SwapElements(2, 3);
  ExpectAccepted(Bytes(r), "bare records, then full ones");
  for (bool omit : {false, true}) {
    r.mutable_options()->set_omit_history_in_results(omit);
    ExpectAccepted(Bytes(r), absl::StrCat("omit ", omit));
  }
}

TEST(EvaluateBytes, RepeatedSingularMessagesMerge) {
  const Pieces p = SamplePieces();
  const std::string body = absl::StrCat(p.Customers(), p.Invoices(), p.History());
  // Settings twice: the second's fields win or add (a profile added later,
  // the default business profile replaced).
  v1::DunningSettings more;
  v1::DunningProfile* later = more.add_profiles();
  later->set_id("later");
  later->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
  more.set_default_business_profile("later");
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kSettings, Bytes(more))),
      "settings twice");
  // The second settings names a profile the first defines.
  v1::DunningSettings refers;
  refers.set_default_person_profile("b2b");
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, Bytes(refers)), body,
                   Len(kSettings, p.settings)),
      "settings twice, reference before definition");
  // as_of twice: seconds from the first, nanos from the second.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kAsOf, VarintField(2, 500000000))),
      "as_of twice");
  // as_of twice, the later one moving the as-of date by a day.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kAsOf, VarintField(1, testing::kAsOfSeconds + 86400))),
      "as_of replaced by a later field");
  // Options twice: threads from one, omit_history from the other, and a
  // threads value written twice.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kOptions, VarintField(3, 4) + VarintField(3, 1)),
                   Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kOptions, VarintField(4, 1))),
      "options twice");
  // An int32 written with the high bits set: protobuf keeps the low 32.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kOptions, VarintField(3, (uint64_t{1} << 32) + 2))),
      "threads with high bits");
}

TEST(EvaluateBytes, UnknownFieldsEverywhere) {
  const std::string unknowns =
      absl::StrCat(VarintField(99, 12345), Len(100, "opaque \xff bytes"),
                   Fixed32Field(101, 7), Fixed64Field(102, 8), NestedGroups(103, 3));
  {
    Pieces p = SamplePieces();
    ExpectAcceptedLikeCanonical(unknowns + p.Canonical() + unknowns, "top level");
  }
  {
    Pieces p = SamplePieces();
    for (std::string& i : p.invoices) i = unknowns + i + unknowns;
    ExpectAcceptedLikeCanonical(p.Canonical(), "inside invoices, first and last");
  }
  {
    Pieces p = SamplePieces();
    for (std::string& i : p.invoices) {
      std::vector<WireField> f = SplitFields(i);
      i = f[0].raw + unknowns + f[1].raw + unknowns;
      for (size_t k = 2; k < f.size(); ++k) i += f[k].raw;
    }
    ExpectAcceptedLikeCanonical(p.Canonical(), "inside invoices, between number and customer");
  }
  {
    Pieces p = SamplePieces();
    for (std::string& n : p.notices) n = unknowns + n + unknowns;
    ExpectAcceptedLikeCanonical(p.Canonical(), "inside notices");
  }
  {
    Pieces p = SamplePieces();
    std::string history = Len(kHistory, unknowns + Len(kHistoryNotices, p.notices[0]) +
                                             unknowns + Len(kHistoryNotices, p.notices[1]) +
                                             Len(kHistoryCases, p.cases[0]));
    ExpectAcceptedLikeCanonical(absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings),
                                             p.Customers(), p.Invoices(), history),
                                "inside the history");
  }
  {
    // Inside payments, credit notes and holds of an invoice.
    Pieces p = SamplePieces();
    std::vector<WireField> f = SplitFields(p.invoices[0]);
    for (WireField& field : f) {
      if (field.number == 7) field.raw = Len(7, unknowns + Payload(field) + unknowns);
    }
    p.invoices[0] = Join(f);
    ExpectAcceptedLikeCanonical(p.Canonical(), "inside a payment");
  }
}

TEST(EvaluateBytes, KnownFieldNumbersWithTheWrongWireTypeAreRefused) {
  // protobuf keeps a known field number with another wire type as an
  // unknown field: an invoice, a notice or a customer written so would be
  // left out without a word. Refused, naming the field (known_fields.h).
  const Pieces p = SamplePieces();
  ExpectRefused(VarintField(kInvoices, 3) + p.Canonical(),
                absl::StatusCode::kInvalidArgument,
                "request: field 5 (invoices) is not written as its type",
                "top-level invoices as a scalar");
  ExpectRefused(p.Canonical() + Fixed32Field(kHistory, 1),
                absl::StatusCode::kInvalidArgument, "field 6 (history)",
                "history as a scalar");
  ExpectRefused(p.Canonical() + VarintField(kCustomers, 1),
                absl::StatusCode::kInvalidArgument, "field 4 (customers)",
                "customers as a scalar");
  {
    Pieces q = SamplePieces();
    q.invoices[1] = VarintField(kInvoiceNumber, 1001) +
                    Fixed64Field(kInvoiceCustomer, 2) + q.invoices[1];
    ExpectRefused(q.Canonical(), absl::StatusCode::kInvalidArgument,
                  "invoices[1]: field 1 (number)",
                  "invoice number/customer as scalars first");
  }
  {
    Pieces q = SamplePieces();
    q.notices[0] = VarintField(kNoticeInvoice, 9999) + q.notices[0];
    ExpectRefused(q.Canonical(), absl::StatusCode::kInvalidArgument,
                  "history.notices[0]: field 1 (invoice_number)",
                  "notice number as a scalar first");
  }
  {
    // A history field that is a group.
    Pieces q = SamplePieces();
    const std::string group = Tag(kHistory, WireFormatLite::WIRETYPE_START_GROUP) +
                              Len(kHistoryNotices, "\x0a\x04" "9999") +
                              Tag(kHistory, WireFormatLite::WIRETYPE_END_GROUP);
    ExpectRefused(q.Canonical() + group, absl::StatusCode::kInvalidArgument,
                  "field 6 (history)", "history as a group");
  }
  // A number the schema does not know is a newer host's field: ignored.
  ExpectAcceptedLikeCanonical(p.Canonical() + VarintField(99, 1),
                              "an unknown field number");
}

TEST(EvaluateBytes, NonMinimalVarints) {
  const Pieces p = SamplePieces();
  // Lengths of every invoice written in more bytes than needed.
  std::string invoices;
  for (const std::string& i : p.invoices) {
    invoices += Tag(kInvoices, 2) + LongVarint(i.size(), 3) + i;
  }
  ExpectAcceptedLikeCanonical(absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings),
                                           p.Customers(), invoices, p.History()),
                              "long invoice lengths");
  // Tags written in more bytes than needed, at the top and inside invoices
  // and notices.
  auto long_tags = [](absl::string_view message) {
    std::string out;
    for (const WireField& f : SplitFields(message)) {
      if (f.wire_type != 2) {
        out += f.raw;
        continue;
      }
      const std::string payload = Payload(f);
      out += LongVarint((static_cast<uint64_t>(f.number) << 3) | 2, 2) +
             LongVarint(payload.size(), 1) + payload;
    }
    return out;
  };
  Pieces q = SamplePieces();
  for (std::string& i : q.invoices) i = long_tags(i);
  for (std::string& n : q.notices) n = long_tags(n);
  ExpectAcceptedLikeCanonical(long_tags(q.Canonical()), "long tags and lengths everywhere");
}

TEST(EvaluateBytes, NestingDepthAroundTheLimit) {
  // Unknown groups nested in an invoice (depth 2), in a notice (depth 3)
  // and at the top: the same depth must be refused on both paths, whatever
  // depth the streamed reading starts an invoice or a notice at.
  int accepted = 0, refused = 0;
  for (int depth = 24; depth <= 36; ++depth) {
    for (int where = 0; where < 4; ++where) {
      Pieces p = SamplePieces();
      std::string bytes;
      if (where == 0) {
        bytes = NestedGroups(200, depth) + p.Canonical();
      } else if (where == 1) {
        p.invoices[1] += NestedGroups(200, depth);
        bytes = p.Canonical();
      } else if (where == 2) {
        p.notices[1] += NestedGroups(200, depth);
        bytes = p.Canonical();
      } else {
        // Inside a payment of an invoice (depth 3).
        v1::EvaluateRequest r = SampleRequest();
        Pieces s = SamplePieces(r);
        std::vector<WireField> f = SplitFields(s.invoices[0]);
        for (WireField& field : f) {
          if (field.number == 7) field.raw = Len(7, Payload(field) + NestedGroups(200, depth));
        }
        s.invoices[0] = Join(f);
        bytes = s.Canonical();
      }
      const Outcome o = ExpectSame(bytes, absl::StrCat("depth ", depth, " where ", where));
      (o.status.ok() ? accepted : refused)++;
    }
  }
  // The sweep crosses the limit.
  EXPECT_GT(accepted, 0);
  EXPECT_GT(refused, 0);
}

TEST(EvaluateBytes, EmptyAndMinimalRequests) {
  ExpectRefused("", absl::StatusCode::kInvalidArgument, "as_of is required", "empty");
  const Pieces p = SamplePieces();
  ExpectAccepted(Len(kAsOf, p.as_of), "only as_of");
  ExpectRefused(Len(kAsOf, ""), absl::StatusCode::kOutOfRange,
                "before the rate tables begin", "as_of present but empty (1970)");
  ExpectAccepted(Len(kAsOf, p.as_of) + Len(kHistory, "") + Len(kSettings, ""),
                 "as_of, empty history and settings");
  ExpectRefused(p.Customers() + p.Invoices() + p.History(),
                absl::StatusCode::kInvalidArgument, "as_of is required", "no as_of");
  ExpectAccepted(Len(kAsOf, p.as_of) + p.Customers(), "customers without invoices");
}

}  // namespace
}  // namespace purring::testing_bytes
