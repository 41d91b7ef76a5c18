// EvaluateBytes gives exactly what ParseRequest and then EvaluateSerialized
// give on thousands of seeded mutations (bytes flipped, cut, duplicated;
// fields swapped, repeated, dropped, renumbered, nested fields rearranged)
// of a small generated ledger, written canonically and irregularly. The
// mutants must reach both the accepting and the refusing paths.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "evaluate_bytes_support.h"
#include "evaluate_streamed.h"
#include "generated_ledgers.h"
#include "google/protobuf/stubs/logging.h"
#include "gtest/gtest.h"
#include "piece_writer.h"
#include "purring/limits.h"

namespace purring::testing_bytes {
namespace {

using generated::Ledger;
using generated::Shuffle;

// ~30 invoices with notices, payments, credit notes, holds and a collection
// case.
v1::EvaluateRequest MutationBase() {
  v1::EvaluateRequest r = Ledger(30, 42);
  for (int i = 0; i < r.invoices_size(); i += 4) {
    v1::Invoice* inv = r.mutable_invoices(i);
    v1::CreditNote* c = inv->add_credit_notes();
    c->set_number(absl::StrCat("K", i));
    c->set_date(inv->invoice_date());
    c->set_amount(std::max<int64_t>(1, inv->amount() / 10));
  }
  for (int i = 1; i < r.invoices_size(); i += 7) {
    v1::Hold* h = r.mutable_invoices(i)->add_holds();
    h->set_kind(v1::HOLD_KIND_OBJECTION);
    h->set_start_date(r.invoices(i).due_date());
  }
  if (r.history().collection_cases_size() == 0) {
    v1::CollectionCase* k = r.mutable_history()->add_collection_cases();
    k->set_invoice_number(r.invoices(3).number());
    k->set_transferred_date("2026-11-01");
    k->set_state(v1::COLLECTION_CASE_STATE_ACTIVE);
  }
  return r;
}

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : random_(seed) {}

  std::string Mutate(std::string bytes) {
    const int count = 1 + Below(3);
    for (int k = 0; k < count && !bytes.empty(); ++k) bytes = MutateOnce(std::move(bytes));
    return bytes;
  }

 private:
  int Below(int n) { return n <= 0 ? 0 : static_cast<int>(random_() % n); }

  std::string MutateOnce(std::string bytes) {
    switch (Below(10)) {
      case 0: {  // flip a bit
        bytes[Below(bytes.size())] ^= static_cast<char>(1 << Below(8));
        return bytes;
      }
      case 1: {  // set a byte to any value
        bytes[Below(bytes.size())] = static_cast<char>(Below(256));
        return bytes;
      }
      case 2: {  // delete a range
        const int at = Below(bytes.size());
        bytes.erase(at, 1 + Below(16));
        return bytes;
      }
      case 3: {  // duplicate a range
        const int at = Below(bytes.size());
        const std::string range = bytes.substr(at, 1 + Below(32));
        bytes.insert(Below(bytes.size() + 1), range);
        return bytes;
      }
      case 4:
      case 5:
      case 6: return MutateFields(bytes, /*levels=*/0);
      default: return MutateFields(bytes, /*levels=*/1 + Below(2));
    }
  }

  // Rearranges the fields of the message `bytes`, or, `levels` deep, those
  // of one of its length-delimited fields (lengths rewritten to match).
  std::string MutateFields(const std::string& bytes, int levels) {
    std::vector<WireField> fields = SplitFields(bytes);
    if (fields.empty()) return bytes;
    if (levels > 0) {
      std::vector<int> nested;
      for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
        if (fields[i].wire_type == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
          nested.push_back(i);
        }
      }
      if (!nested.empty()) {
        WireField& f = fields[nested[Below(nested.size())]];
        f.raw = Len(f.number, MutateFields(Payload(f), levels - 1));
        return Join(fields);
      }
    }
    const int a = Below(fields.size()), b = Below(fields.size());
    switch (Below(7)) {
      case 0: std::swap(fields[a], fields[b]); break;
      case 1: fields.insert(fields.begin() + b, fields[a]); break;
      case 2: fields.erase(fields.begin() + a); break;
      case 3: {  // one of its bytes changed, the length kept right
        if (fields[a].wire_type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
          fields[a].raw[Below(fields[a].raw.size())] ^= 1;
          break;
        }
        std::string payload = Payload(fields[a]);
        if (payload.empty()) break;
        char& c = payload[Below(payload.size())];
        // Mostly a digit for a digit: dates and amounts that stay valid.
        c = Below(4) == 0 ? static_cast<char>(Below(256))
                          : static_cast<char>('0' + Below(10));
        fields[a].raw = Len(fields[a].number, payload);
        break;
      }
      case 4: {  // a varint field set to a nearby or extreme value
        if (fields[a].wire_type != WireFormatLite::WIRETYPE_VARINT) break;
        const uint64_t values[] = {0, 1, 2, 3, 7, 1000, 0x7fffffff, 0xffffffffull,
                                   static_cast<uint64_t>(kMaxAmount),
                                   static_cast<uint64_t>(kMaxAmount) + 1,
                                   ~uint64_t{0}};
        fields[a].raw = VarintField(fields[a].number, values[Below(11)]);
        break;
      }
      case 5: {  // the field renumbered (another known or an unknown field)
        const int number = 1 + Below(14);
        if (fields[a].wire_type == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
          fields[a].raw = Len(number, Payload(fields[a]));
        }
        break;
      }
      default:  // moved to the front
        std::rotate(fields.begin(), fields.begin() + a, fields.begin() + a + 1);
        break;
    }
    return Join(fields);
  }

  std::mt19937_64 random_;
};

// The base written irregularly: the history first and split in two, the
// customers last, each invoice's fields reversed.
std::string IrregularMutationBase() {
  const v1::EvaluateRequest r = MutationBase();
  Pieces p = SamplePieces(r);
  for (std::string& invoice : p.invoices) {
    std::vector<WireField> fields = SplitFields(invoice);
    std::reverse(fields.begin(), fields.end());
    invoice = Join(fields);
  }
  std::string first_half, second_half;
  for (size_t i = 0; i < p.notices.size(); ++i) {
    (i % 2 == 0 ? first_half : second_half) += Len(kHistoryNotices, p.notices[i]);
  }
  for (const std::string& c : p.cases) second_half += Len(kHistoryCases, c);
  return absl::StrCat(Len(kHistory, first_half), Len(kAsOf, p.as_of),
                      Len(kSettings, p.settings), p.Invoices(),
                      Len(kHistory, second_half), p.Customers(),
                      Len(kOptions, Bytes(r.options())));
}

// Whether the streamed reading, writing to a host (EvaluateBytesTo's way),
// declines a request only before it has written anything: EvaluateBytesTo
// relies on it for a request the tree's reading accepts. Pieces of one
// byte, so that each result goes as soon as it is made.
bool DeclinesBeforeWriting(absl::string_view bytes) {
  auto discard = [](absl::string_view) { return true; };
  internal::PieceWriter writer(discard, /*piece_bytes=*/1);
  return internal::EvaluateStreamedTo(bytes, &writer).ok() ||
         writer.written() == 0;
}

// Runs `count` seeded mutants of `base` through both paths; returns how
// many the reference accepted.
int ExpectSameOnMutants(const std::string& base, uint64_t seed, int count) {
  const google::protobuf::LogSilencer quiet;  // protobuf logs each bad string
  Mutator mutator(seed);
  int accepted = 0, differing = 0, declined_late = 0;
  for (int i = 0; i < count; ++i) {
    const std::string mutant = mutator.Mutate(base);
    bool ok = false;
    if (!Same(mutant, &ok) && ++differing <= 3) {
      ExpectSame(mutant, absl::StrCat("seed ", seed, " mutant ", i));
    }
    if (ok && !DeclinesBeforeWriting(mutant) && ++declined_late <= 3) {
      ADD_FAILURE() << "seed " << seed << " mutant " << i
                    << ": accepted by the tree, declined by the streamed "
                       "reading after writing";
    }
    accepted += ok;
  }
  EXPECT_EQ(differing, 0) << "seed " << seed;
  EXPECT_EQ(declined_late, 0) << "seed " << seed;
  return accepted;
}

// The mutants of `base` reach both the accepting and the refusing paths,
// with the same answer either way (ExpectSameOnMutants).
void ExpectSameOnBothPaths(const std::string& base, uint64_t seed, int count) {
  const int accepted = ExpectSameOnMutants(base, seed, count);
  EXPECT_GT(accepted, count / 20);
  EXPECT_LT(accepted, count * 19 / 20);
  std::printf("%d of %d mutants accepted\n", accepted, count);
}

TEST(EvaluateBytes, SeededMutationsOfASmallLedger) {
  const std::string base = Bytes(MutationBase());
  ExpectAccepted(base, "mutation base");
  ExpectSameOnBothPaths(base, 20240611, 8000);
}

TEST(EvaluateBytes, SeededMutationsOfAnIrregularEncoding) {
  const std::string base = IrregularMutationBase();
  ExpectAcceptedLikeCanonical(base, "irregular mutation base");
  ExpectSameOnBothPaths(base, 77, 4000);
}

}  // namespace
}  // namespace purring::testing_bytes
