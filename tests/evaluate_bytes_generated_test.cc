// EvaluateBytes gives exactly what ParseRequest and then EvaluateSerialized
// give on generated ledgers (tools/ledger_generator.h): every size from empty
// to several shards, shuffled or not, at several thread counts and options,
// refusals around a shard's load batch, and one written with the history
// first and the customers last.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "evaluate_bytes_support.h"
#include "generated_ledgers.h"
#include "gtest/gtest.h"

namespace purring::testing_bytes {
namespace {

using generated::Ledger;
using generated::Shuffle;

TEST(EvaluateBytes, GeneratedLedgersOfEverySizeThreadCountAndOption) {
  // 15 to 17 and 50: a shard loads invoices a batch of 16 at a time
  // (kShardBatch), so a batch is short, full or one over.
  for (int size : {0, 1, 15, 16, 17, 50, 5000}) {
    v1::EvaluateRequest base = Ledger(size, 7 + size);
    for (bool shuffled : {false, true}) {
      v1::EvaluateRequest request = base;
      if (shuffled) Shuffle(&request, 11);
      for (int threads : {1, 2, 4}) {
        for (bool omit : {false, true}) {
          request.mutable_options()->set_threads(threads);
          request.mutable_options()->set_omit_history_in_results(omit);
          ExpectAccepted(Bytes(request),
                         absl::StrCat(size, " invoices, shuffled ", shuffled,
                                      ", threads ", threads, ", omit ", omit));
        }
      }
    }
  }
}

TEST(EvaluateBytes, RefusalsAroundALoadBatch) {
  // A refusal in a batch's first or last slot, or in the next batch's
  // first, with a second one later on: the tree's code and message.
  for (int bad : {0, 15, 16, 17}) {
    v1::EvaluateRequest request = Ledger(40, 3);
    request.mutable_invoices(bad)->set_due_date("2026-13-01");
    request.mutable_invoices(bad + 20)->set_invoice_date("2026-02-31");
    ExpectRefused(Bytes(request), absl::StatusCode::kInvalidArgument,
                  absl::StrCat("invoice \"", request.invoices(bad).number(),
                               "\""),
                  absl::StrCat("bad invoice at ", bad));
  }
}

TEST(EvaluateBytes, LargeGeneratedLedgerOnSeveralShards) {
  // Five shards' worth (a shard has at least 4 096 invoices).
  v1::EvaluateRequest request = Ledger(20000, 3);
  Shuffle(&request, 5);
  for (const auto& [threads, omit] :
       {std::pair<int, bool>{1, false}, {4, false}, {4, true}}) {
    request.mutable_options()->set_threads(threads);
    request.mutable_options()->set_omit_history_in_results(omit);
    ExpectAccepted(Bytes(request),
                   absl::StrCat("20000 invoices, threads ", threads, ", omit ", omit));
  }
}

TEST(EvaluateBytes, ManyNoticesAndPaymentsOutOfOrderKeepTheirDates) {
  // The binary reading hands the dates its checks parsed to the evaluation,
  // the notices' sorted with the notices (by sent date, then step; request
  // order for ties), by insertion for up to 16 of them and by a stable sort
  // beyond. Notices and payments out of order, with waived fees, on
  // invoices with 3, 16, 17 and 40 notices: the tree's bytes.
  v1::EvaluateRequest base = Ledger(60, 21);
  // An invoice dated before the notices, its own notices taken out.
  int chosen = 0;
  while (base.invoices(chosen).invoice_date() > "2026-09-30") ++chosen;
  const std::string number = base.invoices(chosen).number();
  auto* notices = base.mutable_history()->mutable_notices();
  notices->erase(std::remove_if(notices->begin(), notices->end(),
                                [&](const v1::Notice& n) {
                                  return n.invoice_number() == number;
                                }),
                 notices->end());
  for (int count : {3, 16, 17, 40}) {
    v1::EvaluateRequest request = base;
    v1::DunningHistory* history = request.mutable_history();
    for (int n = 0; n < count; ++n) {
      v1::Notice* notice = history->add_notices();
      notice->set_invoice_number(number);
      notice->set_step(n % 3 == 0   ? v1::STEP_KIND_REMINDER
                       : n % 3 == 1 ? v1::STEP_KIND_DUNNING
                                    : v1::STEP_KIND_COLLECTION_WARNING);
      // Sent dates jumping back and forth, each step and day once: ties on
      // the day between steps, and reversals.
      const int day = 1 + (n * 11) % 28;
      notice->set_sent_date(absl::StrCat("2026-10-", day < 10 ? "0" : "", day));
      notice->set_deadline(absl::StrCat("2026-11-", day < 10 ? "0" : "", day));
      notice->set_fee(n % 2 == 0 ? 3500 : 0);
      if (n % 5 == 0) notice->set_fee_waived_date("2026-11-20");
      notice->set_letter_id(absl::StrCat("L", n));
    }
    v1::Invoice* paid = request.mutable_invoices(chosen);
    for (int p = 0; p < 5; ++p) {
      v1::Payment* payment = paid->add_payments();
      payment->set_id(absl::StrCat("P", count, "-", p));
      payment->set_date(absl::StrCat("2026-11-0", 9 - p));  // descending
      payment->set_amount(100 + p);
    }
    Shuffle(&request, 3 + count);
    ExpectAccepted(Bytes(request), absl::StrCat(count, " notices"));
  }
}

TEST(EvaluateBytes, GeneratedLedgerWithTheHistoryFirstAndCustomersLast) {
  v1::EvaluateRequest request = Ledger(500, 9);
  std::vector<WireField> fields = SplitFields(Bytes(request));
  // History, then invoices, then customers, then the rest.
  auto rank = [](const WireField& f) {
    switch (f.number) {
      case kHistory: return 0;
      case kInvoices: return 1;
      case kCustomers: return 2;
      default: return 3;
    }
  };
  std::stable_sort(fields.begin(), fields.end(),
                   [&](const WireField& a, const WireField& b) { return rank(a) < rank(b); });
  ExpectAcceptedLikeCanonical(Join(fields), "history first, customers last");
}

}  // namespace
}  // namespace purring::testing_bytes
