// libFuzzer, the whole pipeline (issue 31): a scene, a replay and optionally a
// lesson from one input, then a few frames of what a headless run does with them
// without Vulkan (tests/support/pipeline_drive.h: the pen model, the diffusion
// solver's C++ twin, healing, technique, the lesson's criteria).
//
// Input: SCENE "\n%%\n" REPLAY ["\n%%\n" LESSON]. An empty SCENE is the built-in
// default scene. A parser's refusal must be one non-empty line; an accepted replay's
// samples must be within their documented range; whatever is accepted must come out
// finite everywhere (every metric, every internal value checked on the way).
// Run with large inputs and hostile values: scripts/fuzz.sh (-max_len 1 MiB,
// tests/fuzz/hostile.dict).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../support/pipeline_drive.h"

namespace {

void refusalIsOneLine(const std::string& error) {
  if (error.empty() || error.find('\n') != std::string::npos) __builtin_trap();
}

std::vector<std::string> sections(std::string_view text) {
  std::vector<std::string> out;
  const std::string_view separator = "\n%%\n";
  while (out.size() < 2) {
    size_t at = text.find(separator);
    if (at == std::string_view::npos) break;
    out.emplace_back(text.substr(0, at));
    text.remove_prefix(at + separator.size());
  }
  out.emplace_back(text);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> parts = sections(std::string_view(reinterpret_cast<const char*>(data), size));
  if (parts.size() < 2) return 0;  // no replay: the single-parser targets cover that

  ns::scene::Scene scene;
  ns::scene::LoadResult loaded =
      ns::scene::parseScene(parts[0].empty() ? ns::scene::defaultSceneText() : parts[0], "fuzz_scene.json", scene);
  if (!loaded.ok) return refusalIsOneLine(loaded.error), 0;

  ns::input::PenTrack track;
  std::string error;
  if (!ns::input::parseReplayText(parts[1], "fuzz.jsonl", track, error)) return refusalIsOneLine(error), 0;
  for (const ns::input::PenSample& s : track.samples)  // the parser's promise: every sample within range
    if (!ns::input::penSampleInRange(s, error) || std::fabs(glm::length(s.dir) - 1.0) > 1e-9) __builtin_trap();

  ns::lesson::Lesson lesson;
  bool hasLesson = parts.size() > 2;
  // Named inside scenes/lessons/ so that its relative files (scene, recordings) resolve.
  if (hasLesson && !ns::lesson::parseLesson(parts[2], std::string(NS_SOURCE_DIR) + "/scenes/lessons/fuzz_lesson.json",
                                            lesson, error)) {
    refusalIsOneLine(error);
    hasLesson = false;
  }

  nlohmann::json metrics = ns::test::drivePipeline(scene, track, hasLesson ? &lesson : nullptr);
  if (metrics.contains("nonfinite_internal") || !ns::test::firstNonFinite(metrics).empty()) __builtin_trap();
  return 0;
}
