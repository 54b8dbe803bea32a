// libFuzzer: what a kiosk reads — its settings (--kiosk-config; the path sits in
// scenes/kiosk/ so relative files resolve to the shipped ones: accepted or refused with
// one line) and the day's list it left itself (a broken one is an empty list and a
// one-line warning; a kept one takes a score and its initials).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "kiosk/day_list.h"
#include "kiosk/kiosk_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ns::kiosk::KioskConfig config;
  std::string error;
  bool ok = ns::kiosk::parseKioskConfig(std::string(reinterpret_cast<const char*>(data), size),
                                        NS_SOURCE_DIR "/scenes/kiosk/fuzz.json", NS_SOURCE_DIR "/scenes", config, error);
  if (!ok && (error.empty() || error.find('\n') != std::string::npos)) __builtin_trap();
  static const std::string path = "/tmp/needlesim-fuzz-day-" + std::to_string(getpid()) + ".json";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << std::string(reinterpret_cast<const char*>(data), size);
  std::string warning;
  ns::kiosk::DayList list = ns::kiosk::loadDayList(path, "2026-11-30", warning);
  if (warning.find('\n') != std::string::npos) __builtin_trap();
  ns::kiosk::addScore(list, "2026-11-30", {50.0, ns::kiosk::cleanInitials("A\xffZ"), "12:00"});
  return 0;
}
