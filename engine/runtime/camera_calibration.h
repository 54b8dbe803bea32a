#pragma once
// `needlesim --camera SOURCE --calibrate-camera OUT.json`: the camera's intrinsics
// from the printed calibration board (tracking/calibration.h). A file is read to its
// end; a device until the views and coverage are plenty (or two minutes), with a
// line of progress a second. The result is written (temp + rename) only when it is
// good; a refusal says why in one line and exits 2.
#include "runtime/options.h"

namespace ns::runtime {

int runCameraCalibration(const Options& options);

// `needlesim --camera SOURCE --camera-calib K --calibrate-tip OUT.json`: where the real
// sleeve puts the tip, by pivoting (tracking/pivot.h): the tip held on one point of
// the pad while the pen is tilted and turned. Writes the pen rig moved so that its
// origin is the measured tip (use it with --pen-rig); refused when the poses do not
// spread 20° or the residual is over 1 mm. A file is read to its end; a device for
// 15 s after the first tracked frame.
int runTipCalibration(const Options& options);

}  // namespace ns::runtime
