#pragma once
// A VkPipelineCache persisted between runs, so pipelines compile once per driver.
// The file is checked against this device's header (vendor, device, cache UUID)
// before use; a foreign or damaged file is ignored, never trusted. Saved with an
// atomic rename so a crash cannot leave half a cache behind.
#include <vulkan/vulkan.h>

#include <string>

#include "vk/context.h"

namespace ns::vk {

// Where the cache lives: $NEEDLESIM_PIPELINE_CACHE, else
// $XDG_CACHE_HOME/needlesim/pipelines.bin, else ~/.cache/needlesim/pipelines.bin.
std::string defaultPipelineCachePath();

VkPipelineCache loadPipelineCache(Context& ctx, const std::string& path);
// Writes the cache (best effort: a read-only home must not stop the program).
void savePipelineCache(Context& ctx, VkPipelineCache cache, const std::string& path);
// True when `data` starts with a header that matches this device.
bool pipelineCacheMatchesDevice(const Context& ctx, const void* data, size_t size);

}  // namespace ns::vk
