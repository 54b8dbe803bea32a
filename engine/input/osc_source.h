#pragma once
// --osc-port: listens for pen messages over UDP (any interface) and turns them into
// PenSamples stamped with the time they arrived. Polled once per frame, never
// blocks. Malformed packets and unknown addresses are reported on stderr (the
// first few in full, then counted) and otherwise ignored.
#include <chrono>
#include <set>
#include <string>

#include "input/osc.h"
#include "input/pen_sample.h"

namespace ns::input {

struct OscSource {
  int socket = -1;
  int port = 0;
  PenSample current;  // the pen as the messages so far describe it
  std::chrono::steady_clock::time_point start;
  unsigned long long packets = 0, messages = 0, rejected = 0;
  std::set<std::string> warnedAddresses;
};

bool openOscSource(int port, OscSource& source, std::string& error);
void closeOscSource(OscSource& source);
// Reads every pending packet; appends one sample per pen message to `track` (and
// to `received`, for recording). `now_s` is the session clock.
void pollOscSource(OscSource& source, double now_s, PenTrack& track, std::vector<PenSample>* received = nullptr);
// Applies one decoded message to the pen state; false (with a reason) when it is
// not one of ours or its arguments are wrong.
bool applyOscMessage(const OscMessage& message, PenSample& pen, std::string& error);

}  // namespace ns::input
