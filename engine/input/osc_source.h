#pragma once
// --osc-port: listens for pen messages over UDP and turns them into PenSamples
// stamped with the time they arrived. Polled once per frame, never blocks.
// Loopback only unless an address is given (--osc-port 0.0.0.0:9000): a kiosk on
// a training centre's network takes no pen from a stranger by default.
// Packets larger than kOscMaxPacketBytes and malformed ones are rejected; more than
// kOscMaxPacketsPerSecond (bursts of kOscBurstPackets) are dropped unread, and one
// poll reads at most kOscMaxPacketsPerPoll, so a flood never stalls a frame.
// Both are counted (report: pen.osc.rejected, pen.osc.dropped) and reported on
// stderr (the first few in full, then counted).
#include <chrono>
#include <set>
#include <string>

#include "input/osc.h"
#include "input/pen_sample.h"

namespace ns::input {

constexpr size_t kOscMaxPacketBytes = 1024;       // a pose message is 48 bytes
constexpr double kOscMaxPacketsPerSecond = 1000;  // trackers send 60-240 Hz
constexpr double kOscBurstPackets = 100;
constexpr int kOscMaxPacketsPerPoll = 512;        // read, or drained and dropped

struct OscSource {
  int socket = -1;
  int port = 0;
  std::string bindAddress = "127.0.0.1";
  double tokens = kOscBurstPackets;  // the rate bound: a token bucket on the session clock
  double tokensAt_s = 0;
  PenSample current;  // the pen as the messages so far describe it
  std::chrono::steady_clock::time_point start;
  unsigned long long packets = 0, messages = 0, rejected = 0, dropped = 0;
  std::set<std::string> warnedAddresses;
};

// `bindAddress`: an IPv4 address; "127.0.0.1" (loopback) unless told otherwise.
// Port 0 takes a free port (source.port says which).
bool openOscSource(int port, OscSource& source, std::string& error, const std::string& bindAddress = "127.0.0.1");
void closeOscSource(OscSource& source);
// Reads every pending packet; appends one sample per pen message to `track` (and
// to `received`, for recording). `now_s` is the session clock.
void pollOscSource(OscSource& source, double now_s, PenTrack& track, std::vector<PenSample>* received = nullptr);
// Applies one decoded message to the pen state; false (with a reason) when it is
// not one of ours or its arguments are wrong.
bool applyOscMessage(const OscMessage& message, PenSample& pen, std::string& error);

}  // namespace ns::input
