#pragma once
// --record: writes the pen samples of a run as replay JSONL. Lines go to FILE.part
// as they come (flushed, so a crash loses at most the last line, never the file);
// finishRecorder renames it to FILE. An unfinished recording stays as FILE.part.
#include <cstdio>
#include <string>

#include "input/pen_sample.h"

namespace ns::input {

struct Recorder {
  std::string path;
  std::string partPath;
  std::FILE* file = nullptr;
  unsigned long long lines = 0;
};

bool openRecorder(const std::string& path, Recorder& recorder, std::string& error);
void recordSample(Recorder& recorder, const PenSample& sample);
// A lesson move made at `sample`'s time, on a line of its own (the sample repeated).
void recordLessonEvent(Recorder& recorder, const PenSample& sample, const LessonEvent& event);
// A time-lapse jump taken at `sample`'s time, on a line of its own (the sample repeated).
void recordTimeJump(Recorder& recorder, const PenSample& sample, double jump_s);
bool finishRecorder(Recorder& recorder, std::string& error);

}  // namespace ns::input
