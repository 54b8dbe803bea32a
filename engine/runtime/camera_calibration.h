#pragma once
// `needlesim --camera SOURCE --calibrate-camera OUT.json`: the camera's intrinsics
// from the printed calibration board (tracking/calibration.h). A file is read to its
// end; a device until the views and coverage are plenty (or two minutes), with a
// line of progress a second. The result is written (temp + rename) only when it is
// good; a refusal says why in one line and exits 2.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "runtime/options.h"
#include "tracking/calibration.h"
#include "tracking/pivot.h"
#include "tracking/tracker.h"
#include "tracking/rig.h"

namespace ns::runtime {

int runCameraCalibration(const Options& options);

// `needlesim --camera SOURCE --camera-calib K --calibrate-tip OUT.json`: where the real
// sleeve puts the tip, by pivoting (tracking/pivot.h): the tip held on one point of
// the pad while the pen is tilted and turned. Writes the pen rig moved so that its
// origin is the measured tip (use it with --pen-rig); refused when the poses do not
// spread 20° or the residual is over 1 mm. A file is read to its end; a device for
// 15 s after the first tracked frame.
int runTipCalibration(const Options& options);

// Shared by the terminal and the window (runtime/guided_calibration.h): solve, judge,
// write OUT when good, and keep a copy for `source`'s camera when it is a device
// (runtime/remembered_calibration.h). `summary`: the line saying what was written;
// `problem`: why not.
bool saveCameraCalibration(const tracking::Calibration& c, const std::string& source, const std::string& out,
                           tracking::Intrinsics& result, std::string& summary, std::string& problem);
// `poses`: pen → pad; `penFile`: the rig the poses were tracked with (its tags' images
// are referred to from the written rig).
bool saveTipCalibration(const std::vector<cv::Matx44d>& poses, const tracking::Rig& pen, const std::string& penFile,
                        const std::string& source, const std::string& out, tracking::PivotResult& result, std::string& summary, std::string& problem);
// The camera's rigs and intrinsics for the tip (`--pen-rig`, `--pad-rig`, `--camera-calib`).
bool loadTipConfig(const Options& options, tracking::TrackerConfig& config, std::string& penFile, std::string& error);

}  // namespace ns::runtime
