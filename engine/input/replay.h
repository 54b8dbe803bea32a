#pragma once
// Replay JSONL (one PenSample per line, contract in ../shared/product.md):
//   {"t": 0.0, "pos_mm": [0,0,0], "dir": [0,0,-1], "contact": true, "depth_mm": 0.5, "pressure": 0.5}
// `pressure` is optional; so is "lesson" (a lesson move at that moment: "retry",
// "restart", "back", "skip" or {"answer": "<choice>"}), which a --record made
// during a lesson writes and a replay of that lesson acts on; so is "jump_s" (a
// time-lapse jump of that many simulated seconds at that moment, 0 < jump_s <= 1e9),
// which a --record writes when the trainee jumps and a replay takes again;
// blank lines are skipped; times must not go backwards.
// A bad line is an error naming the file, the line number, the key and what was
// expected — the whole file is refused, never half-played.
#include <string>

#include "input/pen_sample.h"

namespace ns::input {

bool parseReplayText(const std::string& text, const std::string& path, PenTrack& track, std::string& error);
bool loadReplay(const std::string& path, PenTrack& track, std::string& error);
// One line of JSONL for a sample (what --record writes and a replay reads back).
std::string replayLine(const PenSample& sample);
// The same line carrying a lesson move.
std::string replayLine(const PenSample& sample, const LessonEvent& event);
// The same line carrying a time-lapse jump.
std::string replayLine(const PenSample& sample, const TimeJump& jump);

}  // namespace ns::input
