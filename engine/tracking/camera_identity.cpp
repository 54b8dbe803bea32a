#include "tracking/camera_identity.h"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace ns::tracking {

bool isDeviceSource(const std::string& source) {
  if (source.rfind("/dev/video", 0) == 0) return true;
  if (source.empty()) return false;
  for (char ch : source)
    if (ch < '0' || ch > '9') return false;
  return true;
}

std::string cameraIdentity(const std::string& source) {
  if (!isDeviceSource(source)) return "";
  std::string path = source[0] == '/' ? source : "/dev/video" + source;
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return "";
  v4l2_capability cap{};
  bool asked = ::ioctl(fd, VIDIOC_QUERYCAP, &cap) == 0;
  ::close(fd);
  if (!asked) return "";
  auto text = [](const __u8* bytes, size_t size) { return std::string(reinterpret_cast<const char*>(bytes), strnlen(reinterpret_cast<const char*>(bytes), size)); };
  return text(cap.card, sizeof cap.card) + " (" + text(cap.bus_info, sizeof cap.bus_info) + ")";
}

std::string identityFolderName(const std::string& identity) {
  std::string name;
  for (char ch : identity) {
    bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a'), keep = true;
    if (keep) name += ch;
    else if (!name.empty() && name.back() != '-') name += '-';
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  if (name.size() > 71) name.resize(71);
  // FNV-1a of the whole identity: two cameras whose names tidy to the same letters stay apart.
  unsigned long long hash = 1469598103934665603ull;
  for (unsigned char ch : identity) hash = (hash ^ ch) * 1099511628211ull;
  char tail[10];
  std::snprintf(tail, sizeof tail, "-%08llx", hash & 0xffffffffull);
  return identity.empty() ? "" : (name.empty() ? "camera" : name) + tail;
}

}  // namespace ns::tracking
