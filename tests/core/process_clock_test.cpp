// The process's age and CPU time the report's start-up figure is made of.
#include <gtest/gtest.h>

#include "core/process_clock.h"

TEST(ProcessClock, TheProcessHasAnAgeFromItsStartAndUsedSomeCpu) {
  double age = ns::core::processAge_s(), cpu = ns::core::processCpu_s();
  EXPECT_GE(age, 0.0);       // measured from exec, at the kernel's clock tick
  EXPECT_LT(age, 86400.0);   // a test binary started moments ago, not at boot
  EXPECT_GT(cpu, 0.0);       // (loading and starting the binary took some)
  volatile double spin = 0;  // more work, more CPU: the clock goes forward
  for (int i = 0; i < 20'000'000; ++i) spin = spin + 1e-9 * i;
  EXPECT_GT(ns::core::processCpu_s(), cpu);
  EXPECT_GE(ns::core::processAge_s(), age);
}
