// record_wire.h writes InvoiceResult (and its balance, interest, periods and
// notices), ProposedLetter (and its address), ProposedAction and LetterLine
// by hand: these tests hold it to protobuf's own bytes for messages with
// every field set, so that a field added to the schema and not to the writer
// fails here. LedgerPostings it writes from their lines, without a message:
// held to the bytes of the messages AppendPostings makes.
#include "record_wire.h"

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "money/postings.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A value for every field of `message` and of every message in it (two
// elements in each repeated field, the second string one empty), each
// different from the default and from its neighbours, negative where the
// type allows it (ten-byte varints), strings in UTF-8 beyond ASCII.
void FillEveryField(Message* message, int seed) {
  const Reflection* reflection = message->GetReflection();
  const auto* descriptor = message->GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const int value = seed * 100 + field->number();
    const int count = field->is_repeated() ? 2 : 1;
    for (int n = 0; n < count; ++n) {
      const bool add = field->is_repeated();
      switch (field->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING: {
          const std::string text =
              n == 0 ? "Ærlig øre " + std::to_string(value) : "";
          add ? reflection->AddString(message, field, text)
              : reflection->SetString(message, field, text);
          break;
        }
        case FieldDescriptor::CPPTYPE_INT64:
          add ? reflection->AddInt64(message, field, -value * 1000003LL)
              : reflection->SetInt64(message, field, value * 1000003LL);
          break;
        case FieldDescriptor::CPPTYPE_INT32:
          add ? reflection->AddInt32(message, field, value)
              : reflection->SetInt32(message, field, -value);
          break;
        case FieldDescriptor::CPPTYPE_BOOL:
          add ? reflection->AddBool(message, field, true)
              : reflection->SetBool(message, field, true);
          break;
        case FieldDescriptor::CPPTYPE_ENUM: {
          const auto* values = field->enum_type();
          const int number = values->value(values->value_count() - 1)->number();
          add ? reflection->AddEnumValue(message, field, number)
              : reflection->SetEnumValue(message, field, number);
          break;
        }
        case FieldDescriptor::CPPTYPE_MESSAGE:
          FillEveryField(add ? reflection->AddMessage(message, field)
                             : reflection->MutableMessage(message, field),
                         value + n);
          break;
        default:
          FAIL() << field->full_name() << ": a field type the test cannot "
                 << "fill; teach FillEveryField (and check record_wire.cc)";
      }
    }
  }
}

std::string Written(const v1::InvoiceResult& result,
                    const ResultCopies& copies = {}) {
  std::string bytes(ResultByteSize(result, copies), '\0');
  uint8_t* start = reinterpret_cast<uint8_t*>(bytes.data());
  const uint8_t* end = WriteResultFields(result, copies, start);
  EXPECT_EQ(end - start, static_cast<std::ptrdiff_t>(bytes.size()));
  return bytes;
}

ResultCopies HistoryOnly(absl::Span<const v1::Notice* const> history) {
  ResultCopies copies;
  copies.history = history;
  return copies;
}

TEST(ResultWire, EveryFieldSetIsWrittenAsProtobufWritesIt) {
  v1::InvoiceResult result;
  FillEveryField(&result, 1);
  ASSERT_EQ(result.history_size(), 2);
  ASSERT_EQ(result.interest().periods_size(), 2);
  ASSERT_TRUE(result.has_hold());
  EXPECT_EQ(Written(result), result.SerializeAsString());
}

TEST(ResultWire, TheGivenNoticesAreWrittenAsTheResultsHistory) {
  v1::InvoiceResult result;
  FillEveryField(&result, 2);
  v1::InvoiceResult notices;
  notices.mutable_history()->Swap(result.mutable_history());
  FillEveryField(notices.add_history(), 7);
  const std::vector<const v1::Notice*> history = {
      &notices.history(0), &notices.history(1), &notices.history(2)};

  v1::InvoiceResult expected = result;
  *expected.mutable_history() = notices.history();
  EXPECT_EQ(Written(result, HistoryOnly(history)),
            expected.SerializeAsString());
}

TEST(ResultWire, TheCopiesOfTheInvoiceAndCustomerAreWrittenInTheirPlaces) {
  v1::InvoiceResult expected;
  FillEveryField(&expected, 6);
  v1::Invoice invoice;
  invoice.set_number(expected.invoice_number());
  invoice.set_customer_id(expected.customer_id());
  invoice.set_invoice_date(expected.invoice_date());
  invoice.set_due_date(expected.due_date());

  // The result as the evaluation leaves it for a store that writes copies:
  // without them, its history included.
  v1::InvoiceResult result = expected;
  for (auto clear : {&v1::InvoiceResult::clear_invoice_number,
                     &v1::InvoiceResult::clear_customer_id,
                     &v1::InvoiceResult::clear_customer_name,
                     &v1::InvoiceResult::clear_profile_id,
                     &v1::InvoiceResult::clear_invoice_date,
                     &v1::InvoiceResult::clear_due_date,
                     &v1::InvoiceResult::clear_history}) {
    (result.*clear)();
  }
  const std::vector<const v1::Notice*> history = {&expected.history(0),
                                                  &expected.history(1)};
  EXPECT_EQ(Written(result, {&invoice, expected.customer_name(),
                             expected.profile_id(), history}),
            expected.SerializeAsString());

  // An invoice without dates: no date fields, as protobuf leaves them out.
  invoice.clear_invoice_date();
  invoice.clear_due_date();
  expected.clear_invoice_date();
  expected.clear_due_date();
  EXPECT_EQ(Written(result, {&invoice, expected.customer_name(),
                             expected.profile_id(), history}),
            expected.SerializeAsString());
}

TEST(ResultWire, ANoticeWithFieldsTheSchemaDoesNotKnowKeepsThem) {
  // A newer host's field 99 (varint 5) after the notice's own.
  v1::Notice notice;
  FillEveryField(&notice, 3);
  std::string bytes = notice.SerializeAsString();
  bytes += std::string("\x98\x06\x05", 3);
  ASSERT_TRUE(notice.ParseFromString(bytes));

  v1::InvoiceResult result;
  result.set_invoice_number("F-1");
  v1::InvoiceResult expected = result;
  *expected.add_history() = notice;
  const std::vector<const v1::Notice*> history = {&notice};
  const std::string written = Written(result, HistoryOnly(history));
  EXPECT_EQ(written, expected.SerializeAsString());
  EXPECT_NE(written.find(std::string("\x98\x06\x05", 3)), std::string::npos);
}

// The dates as EvaluateInvoice leaves them for the streamed store: days
// (ResultDates), none in the result. Written as SetResultDates would set
// them, so as protobuf writes the result with them.
ResultDates SomeDates(int periods) {
  ResultDates dates;
  dates.adjusted_due = absl::CivilDay(2026, 8, 17);
  dates.current_sent = absl::CivilDay(2026, 9, 1);
  dates.current_deadline = absl::CivilDay(2026, 9, 15);
  dates.next_step = absl::CivilDay(2026, 11, 28);
  // waiting_until left out: no field.
  dates.interest.from = absl::CivilDay(2026, 8, 18);
  for (int i = 0; i < periods; ++i) {
    dates.interest.periods.push_back(
        {absl::CivilDay(2026, 8 + i, 18), absl::CivilDay(2026, 8 + i, 30)});
  }
  return dates;
}

TEST(ResultWire, TheDatesGivenAsDaysAreWrittenAsText) {
  v1::InvoiceResult result;
  FillEveryField(&result, 5);
  ASSERT_EQ(result.interest().periods_size(), 2);
  const ResultDates dates = SomeDates(2);
  v1::InvoiceResult expected = result;
  expected.clear_waiting_until();
  SetResultDates(dates, &expected);

  // Without their text, as the evaluation leaves the result.
  v1::InvoiceResult bare = expected;
  for (auto clear : {&v1::InvoiceResult::clear_adjusted_due_date,
                     &v1::InvoiceResult::clear_current_sent_date,
                     &v1::InvoiceResult::clear_current_deadline,
                     &v1::InvoiceResult::clear_next_step_date}) {
    (bare.*clear)();
  }
  bare.mutable_interest()->clear_from_date();
  for (v1::InterestPeriod& period : *bare.mutable_interest()->mutable_periods()) {
    period.clear_from_date();
    period.clear_to_date();
  }
  ResultCopies copies;
  copies.dates = &dates;
  EXPECT_EQ(Written(bare, copies), expected.SerializeAsString());
  // With other text still in the result, the days take its place.
  EXPECT_EQ(Written(result, copies), expected.SerializeAsString());
}

TEST(ResultWire, ADateBeyondFourDigitYearsKeepsFormatDatesText) {
  v1::InvoiceResult result;
  result.mutable_interest()->add_periods()->set_days(3);
  ResultDates dates = SomeDates(1);
  dates.next_step = absl::CivilDay(12026, 1, 2);
  dates.interest.periods[0].to = absl::CivilDay(-5, 3, 4);
  v1::InvoiceResult expected = result;
  SetResultDates(dates, &expected);
  ASSERT_EQ(expected.next_step_date(), "12026-01-02");
  ResultCopies copies;
  copies.dates = &dates;
  EXPECT_EQ(Written(result, copies), expected.SerializeAsString());
}

TEST(ResultWire, DefaultsAreLeftOutButSetMessagesAreNot) {
  EXPECT_EQ(Written(v1::InvoiceResult()), "");

  v1::InvoiceResult result;
  result.mutable_balance();
  result.mutable_interest()->add_periods();
  result.add_action_ids("");  // repeated: written even when empty
  EXPECT_EQ(Written(result), result.SerializeAsString());
  EXPECT_EQ(Written(result).size(), 2u + 4u + 3u);  // field 26: two-byte tag
}

TEST(LetterWire, EveryFieldSetIsWrittenAsProtobufWritesItWithTheLinesGiven) {
  v1::ProposedLetter letter;
  FillEveryField(&letter, 5);
  ASSERT_EQ(letter.lines_size(), 2);
  ASSERT_EQ(letter.postal_address().lines_size(), 2);
  const std::string expected = letter.SerializeAsString();

  // The lines as the shards hand them over: serialized apart.
  std::vector<std::string> line_bytes;
  for (const v1::LetterLine& line : letter.lines()) {
    line_bytes.push_back(line.SerializeAsString());
  }
  const std::vector<absl::string_view> lines(line_bytes.begin(),
                                             line_bytes.end());
  letter.clear_lines();
  std::string bytes(LetterByteSize(letter, lines), '\0');
  uint8_t* start = reinterpret_cast<uint8_t*>(bytes.data());
  EXPECT_EQ(WriteLetterFields(letter, lines, start) - start,
            static_cast<std::ptrdiff_t>(bytes.size()));
  EXPECT_EQ(bytes, expected);
}

TEST(LetterWire, AnAddressWithFieldsTheSchemaDoesNotKnowKeepsThem) {
  // The customer's address is copied from the request with a newer host's
  // field 99 (varint 5): the letter keeps it, as protobuf would.
  v1::ProposedLetter letter;
  FillEveryField(&letter, 8);
  letter.clear_lines();
  std::string address = letter.postal_address().SerializeAsString();
  address += std::string("\x98\x06\x05", 3);
  ASSERT_TRUE(letter.mutable_postal_address()->ParseFromString(address));

  std::string bytes(LetterByteSize(letter, {}), '\0');
  uint8_t* start = reinterpret_cast<uint8_t*>(bytes.data());
  EXPECT_EQ(WriteLetterFields(letter, {}, start) - start,
            static_cast<std::ptrdiff_t>(bytes.size()));
  EXPECT_EQ(bytes, letter.SerializeAsString());
}

template <typename Record>
std::string WrittenRecord(const Record& record) {
  std::string bytes(record.ByteSizeLong(), '\0');
  uint8_t* start = reinterpret_cast<uint8_t*>(bytes.data());
  const uint8_t* end = WriteRecordFields(record, start);
  EXPECT_EQ(end - start, static_cast<std::ptrdiff_t>(bytes.size()));
  return bytes;
}

template <typename Record>
class RecordWire : public ::testing::Test {};
using ActionRecordTypes =
    ::testing::Types<v1::ProposedAction, v1::LetterLine,
                     v1::CollectionCaseFile>;
TYPED_TEST_SUITE(RecordWire, ActionRecordTypes);

TYPED_TEST(RecordWire, EveryFieldSetIsWrittenAsProtobufWritesIt) {
  TypeParam record;
  FillEveryField(&record, 4);
  EXPECT_EQ(WrittenRecord(record), record.SerializeAsString());
}

TYPED_TEST(RecordWire, AnEmptyRecordIsNoBytes) {
  EXPECT_EQ(WrittenRecord(TypeParam()), "");
}

// The postings written from their lines, one after another, as
// EvaluateResponse.postings fields.
std::string WrittenPostings(const v1::ProposedAction& action,
                            const v1::AccountingSettings& accounting) {
  std::string bytes;
  for (const PostingLine& line : PostingLinesOf(action, accounting)) {
    const size_t size = PostingByteSize(line, action, accounting);
    std::string body(size, '\0');
    uint8_t* start = reinterpret_cast<uint8_t*>(body.data());
    EXPECT_EQ(WritePostingFields(line, action, accounting, start) - start,
              static_cast<std::ptrdiff_t>(size));
    v1::EvaluateResponse one;
    one.add_postings()->ParseFromString(body);  // to frame it as protobuf does
    bytes += one.SerializeAsString();
    // The body itself, not only what it parses to.
    EXPECT_EQ(body, one.postings(0).SerializeAsString());
  }
  return bytes;
}

// The same postings as messages (AppendPostings), serialized by protobuf.
std::string ProtobufPostings(const v1::ProposedAction& action,
                             const v1::AccountingSettings& accounting) {
  v1::EvaluateResponse response;
  AppendPostings(action, accounting, response.mutable_postings());
  return response.SerializeAsString();
}

TEST(PostingWire, TheWriterKnowsEveryFieldOfLedgerPosting) {
  // PostingByteSize and WritePostingFields name LedgerPosting's fields one
  // by one: a field added to the schema must be added to them too.
  EXPECT_EQ(v1::LedgerPosting::descriptor()->field_count(), 12);
}

TEST(PostingWire, PostingsAreWrittenAsProtobufWritesTheirMessages) {
  v1::AccountingSettings defaults;
  v1::AccountingSettings custom;
  custom.set_receivable_account("1510");
  custom.set_fee_account("3900");
  custom.set_interest_account("8055");
  custom.set_compensation_account("3910");
  custom.set_department("Avdeling Sør");
  custom.set_project("Prosjekt ÆØÅ");
  struct Amounts {
    int64_t fee, compensation, interest;
  };
  for (const Amounts& amounts :
       {Amounts{3500, 0, 0}, Amounts{0, 42250, 1234}, Amounts{3500, 4225, 99},
        Amounts{0, 0, 0}, Amounts{INT64_MAX, 1, 300000000000}}) {
    for (const v1::AccountingSettings* accounting : {&defaults, &custom}) {
      v1::ProposedAction action;
      action.set_kind(v1::ACTION_KIND_SEND_NOTICE);
      action.set_id("INV-ø-1/reminder/2026-11-28");
      action.set_date("2026-11-28");
      action.set_invoice_number("INV-ø-1");
      action.set_customer_id("K-Ærlig");
      action.set_fee(amounts.fee);
      action.set_compensation(amounts.compensation);
      action.set_interest(amounts.interest);
      const std::string expected = ProtobufPostings(action, *accounting);
      EXPECT_EQ(WrittenPostings(action, *accounting), expected);
      // Empty strings where the action may lack them.
      action.clear_id();
      action.clear_customer_id();
      EXPECT_EQ(WrittenPostings(action, *accounting),
                ProtobufPostings(action, *accounting));
    }
  }
}

TEST(PostingWire, OtherActionsHaveNoPostings) {
  v1::ProposedAction transfer;
  transfer.set_kind(v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
  transfer.set_fee(3500);
  EXPECT_TRUE(PostingLinesOf(transfer, v1::AccountingSettings()).empty());
}

}  // namespace
}  // namespace purring::internal
