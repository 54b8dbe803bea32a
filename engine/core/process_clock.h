#pragma once
// How long this process has been running and how much CPU it has used, for the
// report's start-up figure (runtime/frame_loop.cpp): measured from the kernel's own
// start time of the process (exec, before the dynamic linker loads a library), not
// from main().

namespace ns::core {

// Wall seconds since the process started (Linux: /proc/self/stat's start time against
// the boot clock; its resolution is the kernel's clock tick, 10 ms). −1 when unknown.
double processAge_s();
// CPU seconds all its threads have used, user and system, and the children it has
// waited for (the mesh import's, scene/mesh_guard.cpp).
double processCpu_s();

}  // namespace ns::core
