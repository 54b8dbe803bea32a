#pragma once
// Copies an image or buffer back to the CPU (screenshots, golden tests, checks).
// Blocking: call between frames, after the producing work was submitted.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

#include "vk/context.h"
#include "vk/resources.h"

namespace ns::vk {

// `image` must be an RGBA8 colour image currently in `layout`, last written by a
// colour attachment or a transfer; it is left in the same layout.
std::vector<uint8_t> readbackRGBA8(Context& ctx, const Image& image, VkImageLayout layout);

// Reads a device buffer last written by a compute shader.
std::vector<uint8_t> readbackBuffer(Context& ctx, const Buffer& buffer);

// Replaces a device buffer's contents (blocking, through a staging buffer). Compute
// and fragment shaders may have used it before (their accesses finish first) and
// may use it after (the new contents are made visible to them).
void uploadBuffer(Context& ctx, const Buffer& target, const void* data, size_t bytes);

}  // namespace ns::vk
