#pragma once
// Memory the process holds but no longer uses.

namespace ns::core {

// Hands the allocator's free pages back to the system (glibc: malloc_trim; elsewhere
// nothing). A long session calls it now and then: the Vulkan driver's own threads
// (lavapipe's queue thread) free what they allocate, but their arena keeps the
// freed pages, fragmented, and resident memory crept up ~40 kB a thousand frames
// with the memory in use flat (TESTING.md, the trainee soak). Costs a walk of the
// free lists, about a millisecond.
void returnFreeMemory();

}  // namespace ns::core
