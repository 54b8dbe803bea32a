#include "input/osc_source.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "input/osc.h"

namespace ns::input {
namespace {

constexpr unsigned long long kFullReports = 5;

void reportRejected(OscSource& source, const std::string& why) {
  source.rejected++;
  if (source.rejected <= kFullReports)
    std::fprintf(stderr, "needlesim: OSC port %d: rejected packet: %s\n", source.port, why.c_str());
  else if (source.rejected == kFullReports + 1)
    std::fprintf(stderr, "needlesim: OSC port %d: more rejected packets; counting them in the report\n", source.port);
}

bool allFinite(const std::vector<double>& values) {
  for (double v : values)
    if (!std::isfinite(v)) return false;
  return true;
}

}  // namespace

bool openOscSource(int port, OscSource& source, std::string& error, const std::string& bindAddress) {
  source.port = port;
  source.bindAddress = bindAddress;
  source.socket = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (source.socket < 0) {
    error = "--osc-port " + std::to_string(port) + ": cannot create a UDP socket: " + std::strerror(errno);
    return false;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  if (::inet_pton(AF_INET, bindAddress.c_str(), &address.sin_addr) != 1) {
    error = "--osc-port " + bindAddress + ":" + std::to_string(port) + ": expected an IPv4 address to listen on, got '" +
            bindAddress + "'";
    closeOscSource(source);
    return false;
  }
  address.sin_port = htons(uint16_t(port));
  if (::bind(source.socket, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    error = "--osc-port " + std::to_string(port) + ": cannot listen on UDP " + bindAddress + ":" +
            std::to_string(port) + ": " + std::strerror(errno);
    closeOscSource(source);
    return false;
  }
  socklen_t length = sizeof(address);
  if (::getsockname(source.socket, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    source.port = ntohs(address.sin_port);
  ::fcntl(source.socket, F_SETFL, ::fcntl(source.socket, F_GETFL) | O_NONBLOCK);
  source.start = std::chrono::steady_clock::now();
  return true;
}

void closeOscSource(OscSource& source) {
  if (source.socket >= 0) ::close(source.socket);
  source.socket = -1;
}

bool applyOscMessage(const OscMessage& m, PenSample& pen, std::string& error) {
  auto expect = [&](size_t count, const char* what) {
    if (m.numbers.size() != count || !allFinite(m.numbers)) {
      error = m.address + ": expected " + what + ", got type tags ," + m.typeTags;
      return false;
    }
    return true;
  };
  if (m.address == "/needlesim/pen/pose") {
    if (!expect(6, "6 numbers (x y z in mm, axis dx dy dz)")) return false;
    // The same physical range as a replay line (pen_sample.h): a pose outside it is
    // dropped (counted as rejected), the pen keeps its last pose.
    PenSample pose = pen;
    pose.pos_mm = {m.numbers[0], m.numbers[1], m.numbers[2]};
    pose.dir = {m.numbers[3], m.numbers[4], m.numbers[5]};
    pose.t_s = 0;
    std::string why;
    if (!penSampleInRange(pose, why)) {
      error = m.address + ": " + (why.rfind("pos_mm", 0) == 0 ? "x y z: expected each within -10000..10000 mm"
                                                               : "the axis dx dy dz: expected each within -1e6..1e6, of length at least 1e-6");
      return false;
    }
    pen.pos_mm = pose.pos_mm;
    pen.dir = glm::normalize(pose.dir);
    return true;
  }
  if (m.address == "/needlesim/pen/contact") {
    if (!expect(1, "one integer 0 or 1")) return false;
    pen.contact = m.numbers[0] != 0.0;
    return true;
  }
  if (m.address == "/needlesim/pen/depth") {
    if (!expect(1, "one number (the dial in mm)")) return false;
    if (m.numbers[0] < 0 || m.numbers[0] > 5) {
      error = m.address + ": expected the dial in mm, 0..5, got " + std::to_string(m.numbers[0]);
      return false;
    }
    pen.depth_mm = m.numbers[0];
    return true;
  }
  if (m.address == "/needlesim/pen/pressure") {
    if (!expect(1, "one number 0..1")) return false;
    if (m.numbers[0] < 0 || m.numbers[0] > 1) {
      error = m.address + ": expected 0..1, got " + std::to_string(m.numbers[0]);
      return false;
    }
    pen.pressure = m.numbers[0];
    return true;
  }
  error = m.address + ": not a NeedleSim address (expected /needlesim/pen/pose|contact|depth|pressure)";
  return false;
}

void pollOscSource(OscSource& source, double now_s, PenTrack& track, std::vector<PenSample>* received) {
  if (source.socket < 0) return;
  // Refill the bucket for the time since the last poll (the session clock).
  source.tokens = std::min(kOscBurstPackets,
                           source.tokens + std::max(0.0, now_s - source.tokensAt_s) * kOscMaxPacketsPerSecond);
  source.tokensAt_s = now_s;
  uint8_t buffer[kOscMaxPacketBytes];
  unsigned long long droppedBefore = source.dropped;
  for (int read = 0; read < kOscMaxPacketsPerPoll; ++read) {
    // MSG_TRUNC: the real size of a longer datagram, whose rest is discarded.
    ssize_t size = ::recv(source.socket, buffer, sizeof(buffer), MSG_TRUNC);
    if (size < 0) break;  // EAGAIN: nothing more this frame
    source.packets++;
    if (source.tokens < 1.0) {
      source.dropped++;
      continue;
    }
    source.tokens -= 1.0;
    if (size_t(size) > sizeof(buffer)) {
      reportRejected(source, "packet of " + std::to_string(size) + " bytes: larger than " +
                                 std::to_string(kOscMaxPacketBytes) + " bytes (NeedleSim's messages are under 100)");
      continue;
    }
    std::vector<OscMessage> messages;
    std::string error;
    if (!decodeOscPacket(buffer, size_t(size), messages, error)) {
      reportRejected(source, error);
      continue;
    }
    for (auto& message : messages) {
      if (!applyOscMessage(message, source.current, error)) {
        reportRejected(source, error);
        continue;
      }
      source.messages++;
      source.current.t_s = now_s;
      appendSample(track, source.current);
      if (received) received->push_back(track.samples.back());
    }
  }
  if (droppedBefore == 0 && source.dropped > 0)
    std::fprintf(stderr, "needlesim: OSC port %d: more than %g packets a second: dropping the excess (counted in the report)\n",
                 source.port, kOscMaxPacketsPerSecond);
}

}  // namespace ns::input
