#include <gtest/gtest.h>

#include "support/gpu_test.h"
#include "vk/commands.h"
#include "vk/readback.h"
#include "vk/resources.h"

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
