#pragma once
// GPU test fixture: one Vulkan context per test process, created with the
// validation layer and synchronization validation on. Every test that uses it
// fails if the layer reported any error while it ran.
#include <gtest/gtest.h>

#include "vk/context.h"

namespace ns::test {

vk::Context& gpuContext();

class GpuTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  vk::Context& ctx() { return gpuContext(); }

 private:
  uint32_t errorsBefore_ = 0;
  size_t messagesBefore_ = 0;
};

}  // namespace ns::test
