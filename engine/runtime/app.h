#pragma once
// The needlesim program: parse the command line, load the scene, run the frame loop
// (windowed or headless), write the screenshot and the report. Returns the exit code:
// 0 on success, 2 for bad input (one line on stderr), 1 for a runtime failure.
namespace ns::runtime {

int runNeedleSim(int argc, const char* const* argv);

}  // namespace ns::runtime
