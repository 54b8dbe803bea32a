#include "core/process_clock.h"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace ns::core {

double processAge_s() {
  std::ifstream stat("/proc/self/stat");
  std::string line;
  if (!std::getline(stat, line)) return -1;
  // Field 22 is the start time in clock ticks after boot; the name (field 2) may hold
  // spaces, so count from its closing parenthesis (field 3 follows it).
  size_t close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  for (int n = 3; n < 22 && (fields >> field); ++n) {
  }
  unsigned long long startTicks = 0;
  if (!(fields >> startTicks)) return -1;
  long hz = sysconf(_SC_CLK_TCK);
  timespec now{};
  if (hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0) return -1;
  return double(now.tv_sec) + now.tv_nsec * 1e-9 - double(startTicks) / double(hz);
}

double processCpu_s() {
  rusage self{}, children{};
  if (getrusage(RUSAGE_SELF, &self) != 0 || getrusage(RUSAGE_CHILDREN, &children) != 0) return -1;
  auto seconds = [](const rusage& u) {
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
  };
  return seconds(self) + seconds(children);
}

}  // namespace ns::core
