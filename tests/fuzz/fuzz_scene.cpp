// libFuzzer: scene JSON (--scene, a lesson's scene). Any bytes: a scene or one
// line of error, never a crash, a hang or an exception escaping.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scene/scene.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ns::scene::Scene scene;
  ns::scene::LoadResult result =
      ns::scene::parseScene(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json", scene);
  if (!result.ok && (result.error.empty() || result.error.find('\n') != std::string::npos)) __builtin_trap();
  return 0;
}
