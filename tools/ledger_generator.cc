#include "ledger_generator.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "process/calendar.h"

namespace purring::tools {
namespace {

using absl::CivilDay;

const CivilDay kAsOf(2026, 11, 28);
const CivilDay kFirstDue(2024, 1, 1);

// Uniform integers from mt19937_64 by rejection: identical everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  // Uniform in [low, high].
  int64_t Between(int64_t low, int64_t high) {
    const uint64_t range = static_cast<uint64_t>(high - low) + 1;
    if (range == 0) return static_cast<int64_t>(engine_());
    const uint64_t limit =
        std::numeric_limits<uint64_t>::max() -
        std::numeric_limits<uint64_t>::max() % range;
    uint64_t draw;
    do {
      draw = engine_();
    } while (draw >= limit);
    return low + static_cast<int64_t>(draw % range);
  }

  // True with probability percent / 100.
  bool Percent(int percent) { return Between(0, 99) < percent; }

 private:
  std::mt19937_64 engine_;
};

std::string Day(CivilDay day) { return absl::FormatCivilTime(day); }

// Forsinkelsesrente per half-year, basis points (law.md § 1.2).
int RateOn(CivilDay day) {
  if (day < CivilDay(2025, 7, 1)) return 1250;
  if (day < CivilDay(2026, 1, 1)) return 1225;
  if (day < CivilDay(2026, 7, 1)) return 1200;
  return 1225;
}

bool IsLeap(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Simple interest on principal from first to last inclusive, actual/actual,
// rounded half up once. Sums exact fractions over 10000 × 365 × 366.
int64_t Interest(int64_t principal, CivilDay first, CivilDay last) {
  if (last < first) return 0;
  int64_t numerator = 0;
  CivilDay day = first;
  while (day <= last) {
    // The next rate or year boundary: 1 January or 1 July.
    const CivilDay boundary = day.month() < 7
                                  ? CivilDay(day.year(), 7, 1)
                                  : CivilDay(day.year() + 1, 1, 1);
    const CivilDay end = std::min(boundary - 1, last);
    const int64_t days = end - day + 1;
    const int64_t other_year = IsLeap(day.year()) ? 365 : 366;
    numerator += principal * RateOn(day) * days * other_year;
    day = end + 1;
  }
  const int64_t denominator = int64_t{10000} * 365 * 366;
  return (2 * numerator + denominator) / (2 * denominator);
}

const char* StepName(v1::StepKind step) {
  switch (step) {
    case v1::STEP_KIND_REMINDER: return "reminder";
    case v1::STEP_KIND_DUNNING: return "dunning";
    default: return "collection_warning";
  }
}

// The statutory fee maximum by send date: 1/20 of the inkassosats.
int64_t MaxFee(CivilDay sent) { return sent.year() >= 2026 ? 3750 : 3500; }

struct CustomerInfo {
  const v1::Customer* customer;
  bool business;
  bool rask;  // custom profile: dunning → warning, fee on the first step.
};

class Generator {
 public:
  explicit Generator(const LedgerOptions& options)
      : options_(options), random_(options.seed) {}

  v1::EvaluateRequest Run() {
    request_.mutable_as_of()->set_seconds(1795856400);  // 2026-11-28T09:00:00Z
    request_.mutable_last_synchronized()->set_seconds(1795855500);  // 08:45:00Z
    FillSettings();
    const int invoices = std::max(options_.invoices, 0);
    const int customers = std::max(1, invoices / 5);
    for (int i = 0; i < customers; ++i) AddCustomer(i);
    for (int i = 0; i < invoices; ++i) AddInvoice(i);
    return std::move(request_);
  }

 private:
  void FillSettings() {
    v1::DunningSettings* s = request_.mutable_settings();
    s->mutable_company()->set_name("Syntetisk Handel AS");
    s->mutable_company()->set_organization_number("987654321");
    s->mutable_company()->set_phone("+47 22 00 00 00");
    s->mutable_company()->set_email("post@syntetisk.no");
    s->mutable_company()->set_bank_account("1234.56.78903");
    s->set_vat_registered(true);
    s->set_progression(v1::MODE_AUTOMATIC);
    s->set_collection_transfer(v1::MODE_MANUAL);
    s->mutable_automation_enabled_at()->set_seconds(1793608200);  // 2026-11-02T08:30:00Z
    s->set_default_person_profile("medium");
    s->set_default_business_profile("streng");
    v1::DunningProfile* rask = s->add_profiles();
    rask->set_id("rask");
    rask->set_name("Rask bedrift");
    rask->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
    rask->set_strictness(v1::FEE_STRICTNESS_MEDIUM);
    s->set_objection_link_template(
        "https://portal.syntetisk.no/innsigelse?faktura={invoice}");
  }

  void AddCustomer(int index) {
    v1::Customer* c = request_.add_customers();
    c->set_id(absl::StrFormat("C%07d", index + 1));
    const bool business = random_.Percent(30);
    c->set_crm_type(business ? v1::CUSTOMER_TYPE_BUSINESS
                             : v1::CUSTOMER_TYPE_PERSON);
    c->set_name(business ? absl::StrFormat("Firma %d AS", index + 1)
                         : absl::StrFormat("Kunde %d", index + 1));
    if (!random_.Percent(2)) {
      v1::PostalAddress* a = c->mutable_postal_address();
      a->add_lines(absl::StrFormat("Gate %d", random_.Between(1, 200)));
      a->set_postal_code(absl::StrFormat("%04d", random_.Between(1, 9999)));
      a->set_city("Oslo");
    }
    if (random_.Percent(70)) {
      c->set_invoice_email(absl::StrFormat("faktura%d@example.no", index + 1));
    }
    if (random_.Percent(1)) c->set_do_not_dun(true);
    const bool rask = business && random_.Percent(10);
    if (rask) c->set_profile_id("rask");
    customers_.push_back({c, business, rask});
  }

  std::vector<v1::StepKind> Sequence(const CustomerInfo& c) const {
    if (c.rask) return {v1::STEP_KIND_DUNNING, v1::STEP_KIND_COLLECTION_WARNING};
    return {v1::STEP_KIND_REMINDER, v1::STEP_KIND_DUNNING,
            v1::STEP_KIND_COLLECTION_WARNING};
  }

  // Records the first `steps` steps, the last sent on last_sent, each after
  // the previous deadline + 14 days. Sets the due date to fit; returns the
  // fees and interest charged.
  int64_t AddHistory(v1::Invoice* invoice, const CustomerInfo& c, int steps,
                     CivilDay last_sent) {
    std::vector<v1::StepKind> sequence = Sequence(c);
    steps = std::min<int>(steps, static_cast<int>(sequence.size()));
    std::vector<CivilDay> sent(steps, last_sent);
    last_notice_sent_ = last_sent;
    for (int i = steps - 2; i >= 0; --i) {
      sent[i] = sent[i + 1] - random_.Between(29, 40);
    }
    const bool fee_first = sequence[0] != v1::STEP_KIND_REMINDER;
    CivilDay due =
        sent[0] - (fee_first ? random_.Between(15, 20) : random_.Between(2, 9));
    // The first notice after the adjusted due date (README "Timing"), a
    // fee-bearing one no earlier than 14 days after it (inkassoforskriften
    // § 1-2): a due date on a weekend or a holiday moves it back.
    const int64_t gap = fee_first ? 14 : 1;
    while (internal::NextBusinessDayOnOrAfter(due) + gap > sent[0]) --due;
    SetDates(invoice, c, due);
    const bool streng = c.business && !c.rask;
    const bool post = c.customer->invoice_email().empty();
    int64_t charged = 0;
    // Interest runs from the day after the adjusted due date (law.md § 1.3);
    // each notice charges what accrued by its day less what earlier ones
    // charged, the total rounded once, as the engine reckons it.
    const CivilDay interest_from = internal::NextBusinessDayOnOrAfter(due) + 1;
    int64_t interest_charged = 0;
    for (int i = 0; i < steps; ++i) {
      v1::Notice* n = request_.mutable_history()->add_notices();
      n->set_invoice_number(invoice->number());
      n->set_step(sequence[i]);
      n->set_sent_date(Day(sent[i]));
      n->set_deadline(Day(sent[i] + 14));
      const int64_t fee =
          sequence[i] == v1::STEP_KIND_REMINDER ? 0 : MaxFee(sent[i]);
      n->set_fee(fee);
      if (streng || fee > 0) {
        const int64_t accrued =
            Interest(invoice->amount(), interest_from, sent[i]);
        n->set_interest(accrued - interest_charged);
        interest_charged = accrued;
      }
      n->set_channel(post ? v1::CHANNEL_POST : v1::CHANNEL_EMAIL);
      n->set_letter_id(absl::StrCat(c.customer->id(), "/",
                                    StepName(sequence[i]), "/", Day(sent[i])));
      charged += n->fee() + n->interest();
    }
    return charged;
  }

  void SetDates(v1::Invoice* invoice, const CustomerInfo& c, CivilDay due) {
    invoice->set_due_date(Day(due));
    invoice->set_invoice_date(Day(due - (c.business ? 30 : 14)));
  }

  void Pay(v1::Invoice* invoice, CivilDay date, int64_t amount) {
    v1::Payment* p = invoice->add_payments();
    p->set_id(absl::StrCat("P", invoice->number(), "-", invoice->payments_size()));
    p->set_date(Day(date));
    p->set_amount(amount);
  }

  CivilDay DaysAgo(int64_t low, int64_t high) {
    return kAsOf - random_.Between(low, high);
  }

  void AddInvoice(int index) {
    const CustomerInfo& c =
        customers_[random_.Between(0, static_cast<int64_t>(customers_.size()) - 1)];
    v1::Invoice* inv = request_.add_invoices();
    last_notice_sent_.reset();
    inv->set_number(absl::StrCat(100001 + index));
    inv->set_customer_id(c.customer->id());
    // 100 kr to 50 000 kr, skewed towards small amounts.
    const int64_t amount = random_.Percent(80) ? random_.Between(10000, 1000000)
                                               : random_.Between(10000, 5000000);
    inv->set_amount(amount);
    inv->set_vat_amount(amount / 5);
    inv->set_payment_reference(absl::StrCat(100001 + index, "0"));
    const int64_t roll = random_.Between(0, 99);
    const int64_t span = kAsOf - kFirstDue;
    if (roll < 44) {  // paid on time
      const CivilDay due = kFirstDue + random_.Between(0, span - 1);
      SetDates(inv, c, due);
      Pay(inv, due - random_.Between(0, 6), amount);
    } else if (roll < 55) {  // paid after notices
      const CivilDay last = DaysAgo(40, span - 120);
      const int first_notice = request_.history().notices_size();
      AddHistory(inv, c, static_cast<int>(random_.Between(1, 2)), last);
      // Claimed interest runs until the principal is paid; counting from
      // the unadjusted due date pays a few øre too much, never too little.
      // Only the notices just added are this invoice's (no scan of the whole
      // history: that made a million-invoice ledger quadratic).
      int64_t fees = 0;
      const auto& notices = request_.history().notices();
      for (int n = first_notice; n < notices.size(); ++n) {
        fees += notices[n].fee();
      }
      absl::CivilDay due;
      absl::ParseCivilTime(inv->due_date(), &due);
      const CivilDay paid_on = last + random_.Between(3, 12);
      Pay(inv, paid_on, amount + fees + Interest(amount, due + 1, paid_on));
    } else if (roll < 65) {  // not yet due
      SetDates(inv, c, kAsOf + random_.Between(2, 45));
    } else if (roll < 74) {  // ready for the first step
      SetDates(inv, c, DaysAgo(16, 100));
    } else if (roll < 83) {  // deadline not expired
      AddHistory(inv, c, static_cast<int>(random_.Between(1, 3)), DaysAgo(1, 26));
    } else if (roll < 88) {  // ready for the next step
      AddHistory(inv, c, static_cast<int>(random_.Between(1, 2)), DaysAgo(30, 60));
    } else if (roll < 90) {  // waiting (fee-bearing first step) or fresh
      SetDates(inv, c, DaysAgo(2, 12));
    } else if (roll < 94) {  // consider collection
      AddHistory(inv, c, 3, DaysAgo(30, 400));
    } else if (roll < 97) {  // in collection
      const CivilDay last = DaysAgo(60, 700);
      AddHistory(inv, c, 3, last);
      v1::CollectionCase* k = request_.mutable_history()->add_collection_cases();
      k->set_invoice_number(inv->number());
      k->set_transferred_date(Day(last + random_.Between(29, 35)));
      const int64_t state = random_.Between(0, 2);
      k->set_state(state == 0   ? v1::COLLECTION_CASE_STATE_NOT_STARTED
                   : state == 1 ? v1::COLLECTION_CASE_STATE_ACTIVE
                                : v1::COLLECTION_CASE_STATE_CLOSED);
      if (state == 2) k->set_closed_date(Day(last + 60));
      k->set_agency("Inkassopartner AS");
      k->set_case_reference(absl::StrCat("IP-", inv->number()));
    } else if (roll < 99) {  // on hold
      SetDates(inv, c, DaysAgo(20, 90));
      v1::Hold* h = inv->add_holds();
      h->set_kind(random_.Percent(50) ? v1::HOLD_KIND_OBJECTION
                                      : v1::HOLD_KIND_MANUAL);
      h->set_reason("Syntetisk stopp");
      h->set_start_date(Day(DaysAgo(1, 15)));
    } else {  // do not dun this invoice
      SetDates(inv, c, DaysAgo(20, 200));
      inv->set_do_not_dun(true);
    }
    // A quarter of the open overdue invoices are partly paid.
    if (roll >= 65 && roll < 99 && random_.Percent(25)) {
      absl::CivilDay due;
      absl::ParseCivilTime(inv->due_date(), &due);
      // After the last notice: each notice's interest was reckoned on the
      // whole amount.
      const CivilDay after = std::max(due, last_notice_sent_.value_or(due));
      if (after < kAsOf - 1) {
        Pay(inv, after + random_.Between(1, kAsOf - 1 - after), amount / 4);
      }
    }
  }

  LedgerOptions options_;
  Random random_;
  v1::EvaluateRequest request_;
  std::vector<CustomerInfo> customers_;
  // The last notice AddHistory recorded for the invoice being made.
  std::optional<CivilDay> last_notice_sent_;
};

}  // namespace

v1::EvaluateRequest GenerateLedger(const LedgerOptions& options) {
  return Generator(options).Run();
}

}  // namespace purring::tools
