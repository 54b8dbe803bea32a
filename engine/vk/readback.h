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

// A byte range of a buffer.
struct BufferRange {
  VkDeviceSize offset = 0, size = 0;
};
// Reads only these ranges of it (the rows of a rectangle, say), one after another.
std::vector<uint8_t> readbackBufferRanges(Context& ctx, const Buffer& buffer, const std::vector<BufferRange>& ranges);
// Writes `data` (the ranges' bytes, one after another) into these ranges of it,
// with the same ordering as uploadBuffer.
void uploadBufferRanges(Context& ctx, const Buffer& target, const std::vector<BufferRange>& ranges, const void* data);

// Replaces a device buffer's contents (blocking, through a staging buffer). Compute
// and fragment shaders may have used it before (their accesses finish first) and
// may use it after (the new contents are made visible to them).
void uploadBuffer(Context& ctx, const Buffer& target, const void* data, size_t bytes);
// Fills the target's first `bytes` with `pattern` over and over (bytes a multiple of
// patternBytes), through a staging buffer of about 1 MiB copied many times: a large
// buffer's initial state without a staging buffer and a copy in memory as large as it.
void fillBufferWithPattern(Context& ctx, const Buffer& target, const void* pattern, size_t patternBytes, size_t bytes);

}  // namespace ns::vk
