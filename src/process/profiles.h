// Dunning profiles (purreprofiler, F6, F7): the built-ins "mild", "medium",
// "streng" and the custom ones of the settings, resolved once per request.
#ifndef PURRING_SRC_PROCESS_PROFILES_H_
#define PURRING_SRC_PROCESS_PROFILES_H_

#include <string>
#include <vector>

#include "hash_containers.h"
#include "purring/v1/ledger.pb.h"
#include "purring/v1/settings.pb.h"
#include "purring/v1/types.pb.h"

namespace purring::internal {

// A profile with every default applied.
struct ResolvedProfile {
  std::string id;
  std::vector<v1::StepKind> steps;  // in sending order, never empty
  v1::FeeStrictness strictness = v1::FEE_STRICTNESS_MEDIUM;
  int deadline_days = 14;         // notice deadline = sent + this
  int first_step_after_days = 0;  // 0: see PlanNextStep
  int days_after_deadline = 14;   // the seed's "til 14 dager etter forfall"
  bool claim_standard_compensation = false;
};

// The steps of a sequence; UNSPECIFIED is reminder → dunning → warning.
std::vector<v1::StepKind> StepsOf(v1::StepSequence sequence);

// The effective B/P type: the dunning-module override, else the CRM type,
// else person (the more protective rules).
v1::CustomerType EffectiveCustomerType(const v1::Customer& customer);

// Thread safety: immutable after Build; shared read-only by all threads.
class ProfileTable {
 public:
  static ProfileTable Build(const v1::DunningSettings& settings);

  struct Choice {
    const ResolvedProfile* profile;
    v1::CustomerType type;
    bool custom;  // the customer names its own profile
  };
  // Customer.profile_id, else the settings default for the effective type,
  // else "medium". An unknown id falls back to "medium" (validation refuses
  // unknown ids before evaluation).
  Choice ForCustomer(const v1::Customer& customer) const;

  const ResolvedProfile* Find(const std::string& id) const;

 private:
  std::vector<ResolvedProfile> profiles_;
  OwnedHashMap<std::string, size_t> by_id_;
  size_t default_person_ = 0;
  size_t default_business_ = 0;
  size_t medium_ = 0;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_PROFILES_H_
