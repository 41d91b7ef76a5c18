#include "process/profiles.h"

#include <algorithm>

#include "money/fee_rules.h"

namespace purring::internal {
namespace {

ResolvedProfile Resolve(const v1::DunningProfile& profile) {
  ResolvedProfile out;
  out.id = profile.id();
  out.steps = StepsOf(profile.sequence());
  out.strictness = profile.strictness() == v1::FEE_STRICTNESS_UNSPECIFIED
                       ? v1::FEE_STRICTNESS_MEDIUM
                       : profile.strictness();
  // 14 days is the legal minimum (inkassoloven § 9; law.md § 4.1).
  out.deadline_days = std::max(profile.deadline_days(), kMinDeadlineDays);
  out.first_step_after_days =
      profile.first_step_after_days() < 0 ? 0 : profile.first_step_after_days();
  out.days_after_deadline =
      profile.has_days_after_deadline() && profile.days_after_deadline() >= 0
          ? profile.days_after_deadline()
          : 14;
  out.claim_standard_compensation = profile.claim_standard_compensation();
  return out;
}

v1::DunningProfile Builtin(const char* id, v1::FeeStrictness strictness,
                           bool claim_compensation) {
  v1::DunningProfile p;
  p.set_id(id);
  p.set_name(id);
  p.set_sequence(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING);
  p.set_strictness(strictness);
  p.set_claim_standard_compensation(claim_compensation);
  return p;
}

}  // namespace

std::vector<v1::StepKind> StepsOf(v1::StepSequence sequence) {
  switch (sequence) {
    case v1::STEP_SEQUENCE_DUNNING_WARNING:
      return {v1::STEP_KIND_DUNNING, v1::STEP_KIND_COLLECTION_WARNING};
    case v1::STEP_SEQUENCE_WARNING_ONLY:
      return {v1::STEP_KIND_COLLECTION_WARNING};
    default:
      return {v1::STEP_KIND_REMINDER, v1::STEP_KIND_DUNNING,
              v1::STEP_KIND_COLLECTION_WARNING};
  }
}

v1::CustomerType EffectiveCustomerType(const v1::Customer& customer) {
  if (customer.type_override() != v1::CUSTOMER_TYPE_UNSPECIFIED) {
    return customer.type_override();
  }
  if (customer.crm_type() != v1::CUSTOMER_TYPE_UNSPECIFIED) {
    return customer.crm_type();
  }
  return v1::CUSTOMER_TYPE_PERSON;
}

ProfileTable ProfileTable::Build(const v1::DunningSettings& settings) {
  ProfileTable table;
  // Only "streng" claims the B2B standard compensation among the built-ins:
  // it claims everything the law allows (README "Profiles").
  const v1::DunningProfile builtins[] = {
      Builtin("mild", v1::FEE_STRICTNESS_MILD, false),
      Builtin("medium", v1::FEE_STRICTNESS_MEDIUM, false),
      Builtin("streng", v1::FEE_STRICTNESS_STRENG, true)};
  for (const v1::DunningProfile& p : builtins) {
    table.by_id_->emplace(p.id(), table.profiles_.size());
    table.profiles_.push_back(Resolve(p));
  }
  for (const v1::DunningProfile& p : settings.profiles()) {
    // Validation refuses duplicates and built-in ids; first one wins anyway.
    if (table.by_id_->emplace(p.id(), table.profiles_.size()).second) {
      table.profiles_.push_back(Resolve(p));
    }
  }
  table.medium_ = table.by_id_->at("medium");
  auto index_or_medium = [&](const std::string& id) {
    auto it = table.by_id_->find(id);
    return it == table.by_id_->end() ? table.medium_ : it->second;
  };
  table.default_person_ = index_or_medium(settings.default_person_profile());
  table.default_business_ = index_or_medium(settings.default_business_profile());
  return table;
}

const ResolvedProfile* ProfileTable::Find(const std::string& id) const {
  auto it = by_id_->find(id);
  return it == by_id_->end() ? nullptr : &profiles_[it->second];
}

ProfileTable::Choice ProfileTable::ForCustomer(
    const v1::Customer& customer) const {
  Choice choice;
  choice.type = EffectiveCustomerType(customer);
  choice.custom = false;
  if (!customer.profile_id().empty()) {
    auto it = by_id_->find(customer.profile_id());
    if (it != by_id_->end()) {
      choice.profile = &profiles_[it->second];
      choice.custom = true;
      return choice;
    }
  }
  choice.profile = &profiles_[choice.type == v1::CUSTOMER_TYPE_BUSINESS
                                  ? default_business_
                                  : default_person_];
  return choice;
}

}  // namespace purring::internal
