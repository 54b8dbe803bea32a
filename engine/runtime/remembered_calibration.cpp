#include "runtime/remembered_calibration.h"

#include <filesystem>

#include "core/private_files.h"
#include "records/config.h"
#include "tracking/camera_identity.h"

namespace ns::runtime {

namespace fs = std::filesystem;

RememberedCalibration rememberedFor(const std::string& camera) {
  RememberedCalibration r;
  r.camera = camera;
  if (r.camera.empty()) return r;
  // Beside the records config: the same per-user settings folder.
  r.folder = (fs::path(records::configPath()).parent_path() / "cameras" / tracking::identityFolderName(r.camera)).string();
  return r;
}

RememberedCalibration useRememberedCalibration(Options& options, const std::string& camera) {
  RememberedCalibration r = rememberedFor(camera);
  if (r.folder.empty()) return r;
  std::error_code ec;
  fs::path intrinsics = fs::path(r.folder) / "intrinsics.json", pen = fs::path(r.folder) / "pen-rig.json";
  if (options.cameraCalib.empty() && options.calibrateCamera.empty() && fs::is_regular_file(intrinsics, ec)) {
    options.cameraCalib = intrinsics.string();
    r.intrinsics = true;
  }
  if (options.penRig.empty() && options.calibrateTip.empty() && options.calibrateCamera.empty() && fs::is_regular_file(pen, ec)) {
    options.penRig = pen.string();
    r.penRig = true;
  }
  return r;
}

std::string rememberCalibration(const std::string& camera, const char* name, const std::string& written) {
  RememberedCalibration r = rememberedFor(camera);
  if (r.folder.empty()) return "";
  std::string error;
  if (!core::createPrivateFolders(r.folder, error) ||
      !core::writePrivateTextAtomic((fs::path(r.folder) / name).string(), written, error))
    return "not remembered for camera '" + r.camera + "': " + error;
  return "remembered for camera '" + r.camera + "' (used when no file is given)";
}

}  // namespace ns::runtime
