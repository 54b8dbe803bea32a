#include "support/gpu_test.h"

#include <cstdio>
#include <cstdlib>

namespace ns::test {
namespace {

vk::Context g_context;

class GpuEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    vk::ContextOptions options;
    options.validation = true;  // always, in every GPU test
    std::string error;
    if (!vk::createContext(options, g_context, error)) {
      std::fprintf(stderr, "GPU test environment: %s\n", error.c_str());
      std::exit(1);
    }
  }
  void TearDown() override {
    uint64_t leaked = g_context.liveAllocations;
    vk::destroyContext(g_context);
    if (leaked != 0) {
      std::fprintf(stderr, "GPU test environment: %llu GPU allocations leaked\n",
                   static_cast<unsigned long long>(leaked));
      std::exit(1);
    }
  }
};

}  // namespace

vk::Context& gpuContext() { return g_context; }

void GpuTest::SetUp() {
  errorsBefore_ = g_context.validation->errors.load();
  std::lock_guard lock(g_context.validation->mutex);
  messagesBefore_ = g_context.validation->errorMessages.size();
}

void GpuTest::TearDown() {
  uint32_t errors = g_context.validation->errors.load() - errorsBefore_;
  std::string messages;
  {
    std::lock_guard lock(g_context.validation->mutex);
    auto& all = g_context.validation->errorMessages;
    for (size_t i = messagesBefore_; i < all.size(); ++i) messages += "\n  " + all[i];
  }
  EXPECT_EQ(errors, 0u) << "Vulkan validation errors during this test:" << messages;
}

}  // namespace ns::test

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new ns::test::GpuEnvironment);
  return RUN_ALL_TESTS();
}
