#include "input/recorder.h"

#include <cerrno>
#include <cstring>

#include <unistd.h>

#include "input/replay.h"

namespace ns::input {

bool openRecorder(const std::string& path, Recorder& r, std::string& error) {
  r.path = path;
  r.partPath = path + ".part";
  r.file = std::fopen(r.partPath.c_str(), "wb");
  if (!r.file) {
    error = path + ": cannot record: " + std::strerror(errno);
    return false;
  }
  return true;
}

void recordSample(Recorder& r, const PenSample& sample) {
  if (!r.file) return;
  std::string line = replayLine(sample) + "\n";
  std::fwrite(line.data(), 1, line.size(), r.file);
  std::fflush(r.file);
  r.lines++;
}

void recordLessonEvent(Recorder& r, const PenSample& sample, const LessonEvent& event) {
  if (!r.file) return;
  std::string line = replayLine(sample, event) + "\n";
  std::fwrite(line.data(), 1, line.size(), r.file);
  std::fflush(r.file);
  r.lines++;
}

void recordTimeJump(Recorder& r, const PenSample& sample, double jump_s) {
  if (!r.file) return;
  std::string line = replayLine(sample, TimeJump{sample.t_s, jump_s}) + "\n";
  std::fwrite(line.data(), 1, line.size(), r.file);
  std::fflush(r.file);
  r.lines++;
}

bool finishRecorder(Recorder& r, std::string& error) {
  if (!r.file) return true;
  // On disk before it takes its name: the renamed file is whole even after a power cut.
  bool ok = std::fflush(r.file) == 0 && ::fsync(::fileno(r.file)) == 0;
  ok = std::fclose(r.file) == 0 && ok;
  r.file = nullptr;
  if (!ok || std::rename(r.partPath.c_str(), r.path.c_str()) != 0) {
    error = r.path + ": could not finish the recording (kept as " + r.partPath + "): " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace ns::input
