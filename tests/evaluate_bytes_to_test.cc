// EvaluateBytesTo (purring_evaluate_to's engine) hands the host's writer
// exactly EvaluateBytes's response in pieces; on one thread the pieces go as
// the results are made, each about a megabyte; a writer that stops, stops
// the evaluation; refusals and irregular layouts answer as EvaluateBytes.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "evaluate_bytes_support.h"
#include "evaluate_streamed.h"
#include "generated_ledgers.h"
#include "gtest/gtest.h"
#include "piece_writer.h"
#include "purring/engine.h"
#include "same_bytes.h"

namespace purring {
namespace {

using testing_bytes::Join;
using testing_bytes::Pieces;
using testing_bytes::SamplePieces;
using testing_bytes::SplitFields;
using testing_bytes::WireField;

// What a writer received.
struct Written {
  absl::Status status;
  std::vector<std::string> pieces;

  std::string Joined() const {
    std::string all;
    for (const std::string& piece : pieces) all += piece;
    return all;
  }
};

// EvaluateBytesTo with a writer that keeps every piece, and stops (returns
// false) on piece number stop_at when given.
Written EvaluateTo(absl::string_view request, int stop_at = -1) {
  Written written;
  written.status = EvaluateBytesTo(request, [&](absl::string_view piece) {
    written.pieces.emplace_back(piece);
    return static_cast<int>(written.pieces.size()) != stop_at;
  });
  return written;
}

std::string WholeBytes(absl::string_view request) {
  absl::StatusOr<SerializedResponse> whole = EvaluateBytes(request);
  EXPECT_TRUE(whole.ok()) << whole.status();
  return whole.ok() ? std::string(whole->data.get(), whole->size) : "";
}

// 12 388 invoices: a response of about 4 MB, so several pieces.
constexpr int kSeveralPieces = 3 * 4096 + 100;

TEST(EvaluateBytesTo, PiecesJoinToTheWholeResponseAtAnyThreadCount) {
  for (int invoices : {1, 300, kSeveralPieces}) {
    v1::EvaluateRequest request = generated::Ledger(invoices, 21);
    for (int threads : {1, 2, 3}) {
      SCOPED_TRACE(absl::StrCat(invoices, " invoices, threads ", threads));
      request.mutable_options()->set_threads(threads);
      const std::string bytes = request.SerializeAsString();
      const Written written = EvaluateTo(bytes);
      ASSERT_TRUE(written.status.ok()) << written.status;
      EXPECT_TRUE(testing::SameBytes(written.Joined(), WholeBytes(bytes)));
      for (const std::string& piece : written.pieces) {
        EXPECT_FALSE(piece.empty());
      }
    }
  }
}

TEST(EvaluateBytesTo, OneThreadWritesTheResultsInPiecesOfAboutAMegabyte) {
  // 40 000 invoices: the letters alone are more than a piece.
  const std::string bytes = generated::Ledger(40000, 22).SerializeAsString();
  Written written;
  auto keep = [&](absl::string_view piece) {
    written.pieces.emplace_back(piece);
    return true;
  };
  internal::PieceWriter writer(keep);
  // The streamed reading itself, so that the fallback cannot hide it.
  ASSERT_TRUE(internal::EvaluateStreamedTo(bytes, &writer).ok());
  EXPECT_TRUE(testing::SameBytes(written.Joined(), WholeBytes(bytes)));
  EXPECT_EQ(writer.written(), written.Joined().size());
  ASSERT_GE(written.pieces.size(), 4u);
  // A piece of results is a full piece and one result more (results are a
  // few hundred bytes); the rest of the response goes in pieces of at most
  // a full one.
  for (size_t k = 0; k < written.pieces.size(); ++k) {
    EXPECT_LT(written.pieces[k].size(), internal::kPieceBytes + 64 * 1024)
        << "piece " << k;
  }
  // The letters were cut into full pieces.
  EXPECT_TRUE(std::any_of(
      written.pieces.begin(), written.pieces.end(),
      [](const std::string& piece) {
        return piece.size() == internal::kPieceBytes;
      }));
  EXPECT_GE(written.pieces[0].size(), internal::kPieceBytes);
  EXPECT_GE(written.pieces[1].size(), internal::kPieceBytes);
}

TEST(EvaluateBytesTo, AWriterThatStopsIsCancelledAndWrittenToNoMore) {
  const std::string bytes =
      generated::Ledger(kSeveralPieces, 23).SerializeAsString();
  const Written written = EvaluateTo(bytes, /*stop_at=*/1);
  EXPECT_EQ(written.status.code(), absl::StatusCode::kCancelled)
      << written.status;
  EXPECT_EQ(written.status.message(),
            "the host's writer stopped the evaluation");
  // Nothing more was written once the writer said stop.
  EXPECT_EQ(written.pieces.size(), 1u);
}

TEST(EvaluateBytesTo, AWriterThatStopsOnTheLastPieceFailsTheEvaluation) {
  const std::string bytes = generated::Ledger(300, 24).SerializeAsString();
  const size_t count = EvaluateTo(bytes).pieces.size();
  ASSERT_GE(count, 1u);
  const Written written = EvaluateTo(bytes, static_cast<int>(count));
  EXPECT_EQ(written.status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(written.pieces.size(), count);
}

TEST(EvaluateBytesTo, SeveralThreadsStopLikeOne) {
  v1::EvaluateRequest request = generated::Ledger(kSeveralPieces, 25);
  request.mutable_options()->set_threads(2);
  const Written written = EvaluateTo(request.SerializeAsString(), 2);
  EXPECT_EQ(written.status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(written.pieces.size(), 2u);
}

TEST(EvaluateBytesTo, RefusalsAreEvaluateBytesRefusals) {
  v1::EvaluateRequest request = generated::Ledger(kSeveralPieces, 26);
  // The last invoice's due date is impossible: its shard finds it after the
  // first pieces of results went to the writer.
  request.mutable_invoices(kSeveralPieces - 1)->set_due_date("2026-02-30");
  const std::string bytes = request.SerializeAsString();
  auto discard = [](absl::string_view) { return true; };
  internal::PieceWriter writer(discard);
  ASSERT_FALSE(internal::EvaluateStreamedTo(bytes, &writer).ok());
  EXPECT_GT(writer.written(), internal::kPieceBytes);

  const absl::StatusOr<SerializedResponse> whole = EvaluateBytes(bytes);
  ASSERT_FALSE(whole.ok());
  const Written written = EvaluateTo(bytes);
  EXPECT_EQ(written.status.code(), whole.status().code());
  EXPECT_EQ(written.status.message(), whole.status().message());
  EXPECT_THAT(std::string(written.status.message()),
              ::testing::HasSubstr("2026-02-30"));

  const Written empty = EvaluateTo("");
  const absl::StatusOr<SerializedResponse> empty_whole = EvaluateBytes("");
  EXPECT_EQ(empty.status.code(), empty_whole.status().code());
  EXPECT_EQ(empty.status.message(), empty_whole.status().message());
  EXPECT_TRUE(empty.pieces.empty());
}

// A layout protobuf does not write is the tree's to read; its response goes
// to the writer too.
TEST(EvaluateBytesTo, AnIrregularLayoutIsWrittenFromTheTreesReading) {
  Pieces p = SamplePieces();
  std::vector<WireField> fields = SplitFields(p.invoices[1]);
  std::swap(fields[0], fields[1]);  // customer_id before number
  p.invoices[1] = Join(fields);
  const std::string bytes = p.Canonical();
  auto discard = [](absl::string_view) { return true; };
  internal::PieceWriter writer(discard);
  ASSERT_FALSE(internal::EvaluateStreamedTo(bytes, &writer).ok());
  EXPECT_EQ(writer.written(), 0u);
  const Written written = EvaluateTo(bytes);
  ASSERT_TRUE(written.status.ok()) << written.status;
  EXPECT_TRUE(testing::SameBytes(written.Joined(), WholeBytes(bytes)));
}

// An invoice's number or customer_id written again later in the record is
// valid protobuf (the last counts), as is a notice's invoice_number: the
// streamed reading finds it before it writes, however late the record comes
// (it had refused only when it parsed the record, after the first pieces).
TEST(EvaluateBytesTo, AFieldWrittenTwiceLateInTheLedgerIsFoundBeforeWriting) {
  using testing_bytes::Len;
  v1::EvaluateRequest request = generated::Ledger(kSeveralPieces, 26);
  const v1::Invoice last = request.invoices(kSeveralPieces - 1);
  request.mutable_invoices()->RemoveLast();
  const std::string head = request.SerializeAsString();
  const std::string record = last.SerializeAsString();
  for (const auto& [what, bytes] :
       {std::pair<std::string, std::string>{
            "number twice",
            head + Len(testing_bytes::kInvoices,
                       record + Len(testing_bytes::kInvoiceNumber,
                                    last.number()))},
        {"customer_id twice",
         head + Len(testing_bytes::kInvoices,
                    record + Len(testing_bytes::kInvoiceCustomer,
                                 last.customer_id()))}}) {
    auto discard = [](absl::string_view) { return true; };
    internal::PieceWriter writer(discard);
    EXPECT_FALSE(internal::EvaluateStreamedTo(bytes, &writer).ok()) << what;
    EXPECT_EQ(writer.written(), 0u) << what;
    const Written written = EvaluateTo(bytes);
    ASSERT_TRUE(written.status.ok()) << what << ": " << written.status;
    EXPECT_EQ(written.Joined(), WholeBytes(bytes)) << what;
  }
}

}  // namespace
}  // namespace purring
