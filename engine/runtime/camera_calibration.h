#pragma once
// `needlesim --camera SOURCE --calibrate-camera OUT.json`: the camera's intrinsics
// from the printed calibration board (tracking/calibration.h). A file is read to its
// end; a device until the views and coverage are plenty (or two minutes), with a
// line of progress a second. The result is written (temp + rename) only when it is
// good; a refusal says why in one line and exits 2.
#include "runtime/options.h"

namespace ns::runtime {

int runCameraCalibration(const Options& options);

}  // namespace ns::runtime
