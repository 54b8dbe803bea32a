#include "vk/pipeline_cache.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/files.h"
#include "vk/check.h"

namespace ns::vk {

std::string defaultPipelineCachePath() {
  if (const char* explicitPath = std::getenv("NEEDLESIM_PIPELINE_CACHE")) return explicitPath;
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    base = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home)
    base = std::filesystem::path(home) / ".cache";
  else
    base = std::filesystem::temp_directory_path();
  return (base / "needlesim" / "pipelines.bin").string();
}

bool pipelineCacheMatchesDevice(const Context& ctx, const void* data, size_t size) {
  VkPipelineCacheHeaderVersionOne header;
  if (size < sizeof(header)) return false;
  std::memcpy(&header, data, sizeof(header));
  return header.headerVersion == VK_PIPELINE_CACHE_HEADER_VERSION_ONE &&
         header.vendorID == ctx.properties.vendorID &&
         header.deviceID == ctx.properties.deviceID &&
         std::memcmp(header.pipelineCacheUUID, ctx.properties.pipelineCacheUUID, VK_UUID_SIZE) == 0;
}

VkPipelineCache loadPipelineCache(Context& ctx, const std::string& path) {
  std::vector<char> bytes;
  std::string error;
  if (!path.empty() && core::readFile(path, bytes, error) &&
      !pipelineCacheMatchesDevice(ctx, bytes.data(), bytes.size())) {
    std::fprintf(stderr, "needlesim: ignoring pipeline cache %s: made by another driver or damaged\n",
                 path.c_str());
    bytes.clear();
  }
  VkPipelineCacheCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
  info.initialDataSize = bytes.size();
  info.pInitialData = bytes.empty() ? nullptr : bytes.data();
  VkPipelineCache cache = VK_NULL_HANDLE;
  VK_CHECK(vkCreatePipelineCache(ctx.device, &info, nullptr, &cache));
  return cache;
}

void savePipelineCache(Context& ctx, VkPipelineCache cache, const std::string& path) {
  if (!cache || path.empty()) return;
  size_t size = 0;
  VK_CHECK(vkGetPipelineCacheData(ctx.device, cache, &size, nullptr));
  std::vector<char> bytes(size);
  VK_CHECK(vkGetPipelineCacheData(ctx.device, cache, &size, bytes.data()));
  bytes.resize(size);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::string error;
  if (!core::writeFileAtomic(path, bytes.data(), bytes.size(), error))
    std::fprintf(stderr, "needlesim: warning: pipeline cache not saved: %s\n", error.c_str());
}

}  // namespace ns::vk
