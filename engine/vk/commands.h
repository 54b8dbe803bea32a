#pragma once
// Command recording helpers: a one-shot submit for setup work and readbacks, and
// synchronization2 barriers with exact stages and accesses (never ALL_COMMANDS).
#include <vulkan/vulkan.h>

#include <functional>

#include "vk/context.h"

namespace ns::vk {

// Records `record` into a fresh command buffer, submits it and waits for it.
// For setup and readback only; per-frame work goes through FrameRing.
void submitAndWait(Context& ctx, const std::function<void(VkCommandBuffer)>& record);

struct ImageBarrier {
  VkImage image = VK_NULL_HANDLE;
  VkImageLayout oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImageLayout newLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkPipelineStageFlags2 srcStage = VK_PIPELINE_STAGE_2_NONE;
  VkAccessFlags2 srcAccess = VK_ACCESS_2_NONE;
  VkPipelineStageFlags2 dstStage = VK_PIPELINE_STAGE_2_NONE;
  VkAccessFlags2 dstAccess = VK_ACCESS_2_NONE;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
};
void imageBarrier(const Context& ctx, VkCommandBuffer cmd, const ImageBarrier& barrier);

// A global memory barrier, e.g. compute write -> compute read between solver sub-steps.
void memoryBarrier(const Context& ctx, VkCommandBuffer cmd, VkPipelineStageFlags2 srcStage,
                   VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                   VkAccessFlags2 dstAccess);

// The barriers around compute passes (storage buffers and storage texel buffers).
// computeBarrier, before a pass: earlier compute writes, and with ComputeAndFragment
// also the renderer's vertex- and fragment-shader reads of the same buffers
// (write-after-read), finish before the pass's compute reads and writes.
enum class PriorUsers { Compute, ComputeAndFragment };
void computeBarrier(const Context& ctx, VkCommandBuffer cmd, PriorUsers prior);
// computeResultBarrier, after a pass: its compute writes become visible to vertex and
// fragment shaders (texel buffer reads; the skin's swelling is read per vertex) and,
// with ComputeAndFragment, to compute shaders too.
enum class LaterReaders { Fragment, ComputeAndFragment };
void computeResultBarrier(const Context& ctx, VkCommandBuffer cmd, LaterReaders later);

VkCommandPool createCommandPool(Context& ctx, VkCommandPoolCreateFlags flags);
VkCommandBuffer allocateCommandBuffer(Context& ctx, VkCommandPool pool);

}  // namespace ns::vk
