#include <gtest/gtest.h>

#include "support/gpu_test.h"
#include "vk/commands.h"
#include "vk/pipelines.h"
#include "vk/readback.h"
#include "vk/resources.h"
#include "vk/timestamps.h"

using ns::test::GpuTest;

TEST_F(GpuTest, ContextHasValidationAndAUsableDevice) {
  EXPECT_TRUE(ctx().validationEnabled);
  EXPECT_FALSE(ctx().deviceName.empty());
  EXPECT_NE(ctx().deviceType, "other");
  EXPECT_GE(ctx().apiVersion, VK_API_VERSION_1_2);
  EXPECT_NE(ctx().sync2.cmdPipelineBarrier2, nullptr);
  EXPECT_NE(ctx().sync2.queueSubmit2, nullptr);
}

TEST(DeviceChoice, PrefersDiscreteThenIntegratedThenVirtualThenCpu) {
  using ns::vk::deviceTypeRank;
  EXPECT_GT(deviceTypeRank(VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU), deviceTypeRank(VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU));
  EXPECT_GT(deviceTypeRank(VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU), deviceTypeRank(VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU));
  EXPECT_GT(deviceTypeRank(VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU), deviceTypeRank(VK_PHYSICAL_DEVICE_TYPE_CPU));
  EXPECT_STREQ(ns::vk::deviceTypeName(VK_PHYSICAL_DEVICE_TYPE_CPU), "cpu");
}

TEST(DeviceChoice, UnknownPreferenceIsAClearError) {
  ns::vk::ContextOptions options;
  options.devicePreference = "NoSuchGpu9000";
  ns::vk::Context ctx;
  std::string error;
  EXPECT_FALSE(ns::vk::createContext(options, ctx, error));
  EXPECT_NE(error.find("NoSuchGpu9000"), std::string::npos) << error;
  EXPECT_NE(error.find("llvmpipe"), std::string::npos) << "lists the usable devices: " << error;
}

TEST_F(GpuTest, BufferFillCopyAndReadbackRoundTrip) {
  uint64_t before = ctx().liveAllocations;
  auto buffer = ns::vk::createBuffer(ctx(), 4096, VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                     ns::vk::MemoryUse::DeviceOnly);
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) { vkCmdFillBuffer(cmd, buffer.buffer, 0, 4096, 0xABCD1234u); });
  auto bytes = ns::vk::readbackBuffer(ctx(), buffer);
  ASSERT_EQ(bytes.size(), 4096u);
  EXPECT_EQ(reinterpret_cast<const uint32_t*>(bytes.data())[1023], 0xABCD1234u);
  ns::vk::destroyBuffer(ctx(), buffer);
  EXPECT_EQ(ctx().liveAllocations, before) << "allocator accounting must return to zero";
}

TEST_F(GpuTest, ImageClearAndReadback) {
  ns::vk::ImageDesc desc;
  desc.extent = {8, 4, 1};
  desc.usage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  auto image = ns::vk::createImage(ctx(), desc);
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    ns::vk::imageBarrier(ctx(), cmd, {image.image, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                      VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_CLEAR_BIT,
                                      VK_ACCESS_2_TRANSFER_WRITE_BIT});
    VkClearColorValue color{{1.0f, 0.5f, 0.0f, 1.0f}};
    VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdClearColorImage(cmd, image.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &color, 1, &range);
  });
  auto pixels = ns::vk::readbackRGBA8(ctx(), image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
  ASSERT_EQ(pixels.size(), 8u * 4u * 4u);
  EXPECT_EQ(pixels[0], 255);
  EXPECT_NEAR(pixels[1], 128, 1);
  EXPECT_EQ(pixels[2], 0);
  ns::vk::destroyImage(ctx(), image);
}

TEST(Dispatch, GroupCountsCoverEveryInvocation) {
  using ns::vk::groupCounts;
  using Groups = std::array<uint32_t, 3>;
  EXPECT_EQ(groupCounts({32, 4, 1}, {64, 8, 5}), (Groups{2, 2, 5}));  // exact multiples
  EXPECT_EQ(groupCounts({32, 4, 1}, {65, 9, 1}), (Groups{3, 3, 1}));  // one more: one more group
  EXPECT_EQ(groupCounts({64, 1, 1}, {1, 1, 1}), (Groups{1, 1, 1}));
  EXPECT_EQ(groupCounts({64, 1, 1}, {0, 1, 1}), (Groups{0, 1, 1}));   // nothing to do: no group
  EXPECT_EQ(groupCounts({64, 1, 1}, {0xFFFFFFFFu, 1, 1}), (Groups{1u << 26, 1, 1})) << "no overflow rounding up";
}

TEST(DispatchDeathTest, PushConstantsOfTheWrongSizeAreFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  ns::vk::Context ctx;  // the checks come before any Vulkan call
  ctx.properties.limits.maxComputeWorkGroupCount[0] = 65535;
  ctx.properties.limits.maxComputeWorkGroupCount[1] = ctx.properties.limits.maxComputeWorkGroupCount[2] = 65535;
  ns::vk::ComputePipeline pipeline;
  pipeline.localSize = {64, 1, 1};
  pipeline.pushConstantBytes = 16;
  struct EightBytes {
    float a, b;
  } push{};
  EXPECT_DEATH(ns::vk::dispatch(ctx, VK_NULL_HANDLE, pipeline, VK_NULL_HANDLE, push, {64, 1, 1}),
               "fatal dispatch: 8 bytes of push constants for a pipeline laid out for 16 at .*context_test.cpp");
  pipeline.pushConstantBytes = sizeof(push);
  EXPECT_DEATH(ns::vk::dispatch(ctx, VK_NULL_HANDLE, pipeline, VK_NULL_HANDLE, push, {64 * 65536u, 1, 1}),
               "fatal dispatch: 65536 workgroups along axis 0 exceed the device's 65535");
}

TEST_F(GpuTest, TexelViewCoversTheWholeBuffer) {
  auto buffer = ns::vk::createBuffer(ctx(), 4096, VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT,
                                     ns::vk::MemoryUse::DeviceOnly);
  VkBufferView view = ns::vk::createTexelView(ctx(), buffer, VK_FORMAT_R32G32B32A32_SFLOAT);
  EXPECT_NE(view, VK_NULL_HANDLE);
  vkDestroyBufferView(ctx().device, view, nullptr);
  ns::vk::destroyBuffer(ctx(), buffer);
}

// Per-frame pass timings: slots of stamps, each recording read once, after its submission.
TEST_F(GpuTest, GpuTimerReadsEachSlotsIntervalsOnce) {
  using ns::vk::readTimerIntervals_ms;
  ns::vk::GpuTimer timer = ns::vk::createGpuTimer(ctx(), 3, 2);
  auto buffer = ns::vk::createBuffer(ctx(), 1 << 20, VK_BUFFER_USAGE_TRANSFER_DST_BIT, ns::vk::MemoryUse::DeviceOnly);
  EXPECT_TRUE(readTimerIntervals_ms(ctx(), timer, 1).empty()) << "nothing recorded yet";
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    ns::vk::resetTimerSlot(ctx(), cmd, timer, 1);
    ns::vk::recordStamp(ctx(), cmd, timer, 1, 0);
    vkCmdFillBuffer(cmd, buffer.buffer, 0, VK_WHOLE_SIZE, 0);
    ns::vk::recordStamp(ctx(), cmd, timer, 1, 1);
    ns::vk::recordStamp(ctx(), cmd, timer, 1, 2);
  });
  std::vector<double> ms = readTimerIntervals_ms(ctx(), timer, 1);
  if (timer.supported) {
    ASSERT_EQ(ms.size(), 2u) << "stamps 0-1 and 1-2";
    EXPECT_GE(ms[0], 0.0);
    EXPECT_GE(ms[1], 0.0);
  } else {
    EXPECT_TRUE(ms.empty());
  }
  EXPECT_TRUE(readTimerIntervals_ms(ctx(), timer, 1).empty()) << "a recording is read once";
  EXPECT_TRUE(readTimerIntervals_ms(ctx(), timer, 0).empty()) << "the other slot was never written";
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    ns::vk::resetTimerSlot(ctx(), cmd, timer, 0);
    ns::vk::recordStamp(ctx(), cmd, timer, 0, 0);
    ns::vk::recordStamp(ctx(), cmd, timer, 0, 2);
  });
  EXPECT_TRUE(readTimerIntervals_ms(ctx(), timer, 0).empty()) << "stamp 1 is missing";
  ns::vk::destroyGpuTimer(ctx(), timer);
  ns::vk::destroyBuffer(ctx(), buffer);
}
