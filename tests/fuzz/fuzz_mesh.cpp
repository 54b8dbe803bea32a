// libFuzzer: a mesh through Assimp and our conversion (--mesh, surface.mesh), in
// process. The first byte picks the format Assimp is told (the extension); the
// rest is the file. In the program the import runs in a child process under a
// time and memory budget (scene/mesh_guard.cpp), so a hang or crash inside
// Assimp costs that child; here it shows as a fuzzer finding.
#include <sys/resource.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "scene/surface_mesh.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kExtensions[] = {"obj", "ply", "off", "stl", "glb", "gltf", "fbx", "dae", "3ds", "x"};
  static bool limited = [] {  // 3 GiB: a file declaring billions of faces gets bad_alloc
    rlimit memory{rlim_t(3) << 30, rlim_t(3) << 30};
    return setrlimit(RLIMIT_AS, &memory) == 0;
  }();
  (void)limited;
  if (size < 1) return 0;
  std::string path = std::string("fuzz.") + kExtensions[data[0] % (sizeof kExtensions / sizeof *kExtensions)];
  ns::scene::MeshLimits limits;
  limits.maxVertices = 200'000;  // keep each run small; the bound itself is what is tested
  limits.maxTriangles = 400'000;
  ns::scene::SurfaceMesh mesh;
  std::string error;
  std::vector<std::string> warnings;
  bool ok = ns::scene::importSurfaceMesh(path, data + 1, size - 1, limits, mesh, error, warnings);
  if (ok) {
    for (uint32_t index : mesh.indices)
      if (index >= mesh.positions.size()) __builtin_trap();
    if (mesh.normals.size() != mesh.positions.size() || mesh.regions.size() != mesh.positions.size()) __builtin_trap();
  } else if (error.empty() || error.find('\n') != std::string::npos) {
    __builtin_trap();
  }
  return 0;
}
