// Europe/Oslo time: the as-of date and the 11:00 dispatch across daylight
// saving (product.md F8; the seeds' "etter kl 11").
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "process/dispatch.h"
#include "process/oslo_time.h"

namespace purring::internal {
namespace {

using absl::CivilDay;

absl::Time Utc(int y, int mo, int d, int h, int mi = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0),
                         absl::UTCTimeZone());
}

TEST(OsloTimeTest, DispatchHourOnTheDaylightSavingSundays2026) {
  // Last Sunday of March 2026 (29 Mar): summer time from 02:00; 11:00 CEST is
  // 09:00 UTC. Last Sunday of October (25 Oct): 11:00 CET is 10:00 UTC.
  EXPECT_EQ(OsloInstant(CivilDay(2026, 3, 28), 11), Utc(2026, 3, 28, 10));
  EXPECT_EQ(OsloInstant(CivilDay(2026, 3, 29), 11), Utc(2026, 3, 29, 9));
  EXPECT_EQ(OsloInstant(CivilDay(2026, 10, 24), 11), Utc(2026, 10, 24, 9));
  EXPECT_EQ(OsloInstant(CivilDay(2026, 10, 25), 11), Utc(2026, 10, 25, 10));
  EXPECT_EQ(EuRuleOsloInstant(CivilDay(2026, 3, 29), 11), Utc(2026, 3, 29, 9));
  EXPECT_EQ(EuRuleOsloInstant(CivilDay(2026, 10, 25), 11), Utc(2026, 10, 25, 10));
}

TEST(OsloTimeTest, AsOfDateIsTheOsloDate) {
  EXPECT_EQ(OsloDate(Utc(2026, 1, 31, 22, 59)), CivilDay(2026, 1, 31));
  EXPECT_EQ(OsloDate(Utc(2026, 1, 31, 23, 0)), CivilDay(2026, 2, 1));
  EXPECT_EQ(OsloDate(Utc(2026, 6, 30, 21, 59)), CivilDay(2026, 6, 30));
  EXPECT_EQ(OsloDate(Utc(2026, 6, 30, 22, 0)), CivilDay(2026, 7, 1));
}

TEST(OsloTimeTest, EuRuleFallbackAgreesWithTzdataHourByHour) {
  // The fallback must give the same dates and 11:00 instants as tzdata
  // wherever tzdata is present (Norway has followed the EU rule since 1996).
  // Without tzdata OsloDate is the fallback itself: nothing to compare.
  absl::TimeZone oslo;
  if (!absl::LoadTimeZone("Europe/Oslo", &oslo)) {
    GTEST_SKIP() << "no tzdata for Europe/Oslo on this machine";
  }
  for (absl::Time t = Utc(2019, 1, 1, 0); t < Utc(2031, 1, 1, 0);
       t += absl::Hours(1)) {
    ASSERT_EQ(EuRuleOsloDate(t), OsloDate(t)) << t;
  }
  for (CivilDay d(2019, 1, 1); d < CivilDay(2031, 1, 1); ++d) {
    ASSERT_EQ(EuRuleOsloInstant(d, 11), OsloInstant(d, 11)) << d;
  }
}

v1::DunningSettings Automatic(absl::Time enabled_at, v1::FirstDispatch first) {
  v1::DunningSettings settings;
  settings.set_progression(v1::MODE_AUTOMATIC);
  settings.set_first_dispatch(first);
  *settings.mutable_automation_enabled_at() = ToTimestamp(enabled_at);
  return settings;
}

TEST(DispatchTest, ManualModesHaveNoDispatch) {
  v1::DunningSettings settings;
  EXPECT_FALSE(PlanNextDispatch(settings, Utc(2026, 3, 2, 8)).enabled);
}

TEST(DispatchTest, TodayAfterElevenBeforeAndAfterTheHour) {
  // Switched on 09:00 Oslo (08:00 UTC) on Mon 2 Mar 2026, "i dag etter kl 11".
  const auto settings = Automatic(Utc(2026, 3, 2, 8), v1::FIRST_DISPATCH_TODAY_AFTER_11);
  DispatchPlan plan = PlanNextDispatch(settings, Utc(2026, 3, 2, 8));
  EXPECT_TRUE(plan.enabled);
  EXPECT_EQ(plan.instant, Utc(2026, 3, 2, 10));
  EXPECT_EQ(plan.date, CivilDay(2026, 3, 2));
  // At 11:00 exactly the dispatch is now; a minute later it is tomorrow's.
  EXPECT_EQ(PlanNextDispatch(settings, Utc(2026, 3, 2, 10)).instant,
            Utc(2026, 3, 2, 10));
  plan = PlanNextDispatch(settings, Utc(2026, 3, 2, 10, 1));
  EXPECT_EQ(plan.instant, Utc(2026, 3, 3, 10));
  EXPECT_EQ(plan.date, CivilDay(2026, 3, 3));
}

TEST(DispatchTest, NeverBeforeAutomationIsSwitchedOn) {
  // F8: the first automatic dispatch follows the switch-on. "I dag etter kl
  // 11" switched on at 12:00 Oslo (11:00 UTC) on Mon 2 Mar 2026: today's
  // 11:00 has passed, so tomorrow's, also when asked at 09:00, before it.
  const auto settings =
      Automatic(Utc(2026, 3, 2, 11), v1::FIRST_DISPATCH_TODAY_AFTER_11);
  for (absl::Time as_of : {Utc(2026, 3, 2, 8), Utc(2026, 3, 2, 11, 30)}) {
    const DispatchPlan plan = PlanNextDispatch(settings, as_of);
    EXPECT_EQ(plan.instant, Utc(2026, 3, 3, 10)) << as_of;
    EXPECT_EQ(plan.date, CivilDay(2026, 3, 3)) << as_of;
  }
  // Switched on at 11:00 exactly: that instant is the first dispatch.
  EXPECT_EQ(PlanNextDispatch(Automatic(Utc(2026, 3, 2, 10),
                                       v1::FIRST_DISPATCH_TODAY_AFTER_11),
                             Utc(2026, 3, 2, 8))
                .instant,
            Utc(2026, 3, 2, 10));
}

TEST(DispatchTest, TomorrowAfterElevenIsTheDefault) {
  // Switched on at 09:00 Oslo on Monday 2 March, before that day's 11:00:
  // "tomorrow after 11", chosen or by default, waits for Tuesday's (F8).
  for (const auto first :
       {v1::FIRST_DISPATCH_UNSPECIFIED, v1::FIRST_DISPATCH_TOMORROW_AFTER_11}) {
    SCOPED_TRACE(v1::FirstDispatch_Name(first));
    const auto settings = Automatic(Utc(2026, 3, 2, 8), first);
    const DispatchPlan plan = PlanNextDispatch(settings, Utc(2026, 3, 2, 8));
    EXPECT_EQ(plan.instant, Utc(2026, 3, 3, 10));
    EXPECT_EQ(plan.date, CivilDay(2026, 3, 3));
  }
}

TEST(DispatchTest, AcrossTheSpringChange) {
  // Enabled Sat 28 Mar 2026 12:00 Oslo (11:00 UTC), "tomorrow after 11":
  // Sunday 29 Mar, the first day of summer time, 11:00 CEST = 09:00 UTC.
  const auto settings =
      Automatic(Utc(2026, 3, 28, 11), v1::FIRST_DISPATCH_TOMORROW_AFTER_11);
  const DispatchPlan plan = PlanNextDispatch(settings, Utc(2026, 3, 28, 11));
  EXPECT_EQ(plan.instant, Utc(2026, 3, 29, 9));
  EXPECT_EQ(plan.date, CivilDay(2026, 3, 29));
  // 09:30 UTC on the 29th is 11:30 CEST: the next is Monday 09:00 UTC.
  EXPECT_EQ(PlanNextDispatch(settings, Utc(2026, 3, 29, 9, 30)).instant,
            Utc(2026, 3, 30, 9));
}

TEST(DispatchTest, AcrossTheAutumnChange) {
  // Enabled long ago; as of Sun 25 Oct 2026 09:30 UTC = 10:30 CET: today's
  // dispatch is 11:00 CET = 10:00 UTC (it would be 09:00 UTC in summer).
  const auto settings =
      Automatic(Utc(2026, 1, 5, 8), v1::FIRST_DISPATCH_TODAY_AFTER_11);
  const DispatchPlan plan = PlanNextDispatch(settings, Utc(2026, 10, 25, 9, 30));
  EXPECT_EQ(plan.instant, Utc(2026, 10, 25, 10));
  EXPECT_EQ(plan.date, CivilDay(2026, 10, 25));
  // The Saturday before, 09:30 UTC is 11:30 CEST: already past, so Sunday.
  EXPECT_EQ(PlanNextDispatch(settings, Utc(2026, 10, 24, 9, 30)).instant,
            Utc(2026, 10, 25, 10));
}

}  // namespace
}  // namespace purring::internal
