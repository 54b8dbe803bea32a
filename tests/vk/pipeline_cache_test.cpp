#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/gpu_test.h"
#include "vk/pipeline_cache.h"

using ns::test::GpuTest;

TEST_F(GpuTest, PipelineCachePersistsAndRejectsForeignFiles) {
  std::string path = (std::filesystem::temp_directory_path() / "ns_test_cache" / "pipelines.bin").string();
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
  VkPipelineCache cache = ns::vk::loadPipelineCache(ctx(), path);  // no file yet: empty cache
  ns::vk::savePipelineCache(ctx(), cache, path);                    // creates the folder
  vkDestroyPipelineCache(ctx().device, cache, nullptr);
  ASSERT_TRUE(std::filesystem::exists(path));

  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
  EXPECT_TRUE(ns::vk::pipelineCacheMatchesDevice(ctx(), bytes.data(), bytes.size()));

  // Garbage or another driver's header is ignored, never handed to the driver.
  std::vector<char> garbage(bytes.size(), 'x');
  EXPECT_FALSE(ns::vk::pipelineCacheMatchesDevice(ctx(), garbage.data(), garbage.size()));
  EXPECT_FALSE(ns::vk::pipelineCacheMatchesDevice(ctx(), bytes.data(), 8));
  { std::ofstream out(path, std::ios::binary); out.write(garbage.data(), std::streamsize(garbage.size())); }
  VkPipelineCache recovered = ns::vk::loadPipelineCache(ctx(), path);
  EXPECT_NE(recovered, VK_NULL_HANDLE);
  vkDestroyPipelineCache(ctx().device, recovered, nullptr);
}
