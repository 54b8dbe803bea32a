#pragma once
// The status panel: what is running (device, scene), how fast, and whether the
// Vulkan validation layer has complained. No Vulkan types: the caller fills it.
#include <string>
#include <vector>

#include "ui/requests.h"

namespace ns::ui {

struct LayerRow {
  std::string name;
  double thickness_um;
  double diffusivity_um2_s;
};

struct StatusInfo {
  std::string deviceName;
  std::string deviceType;
  std::string sceneName;
  std::string region;
  std::vector<LayerRow> layers;
  double frameMs = 0;
  double frameMsP95 = 0;
  unsigned long long frames = 0;
  unsigned validationErrors = 0;
  unsigned validationWarnings = 0;
  bool validationEnabled = false;
  bool headless = false;
  float skinTone = 0.15f;         // 0 = Fitzpatrick type I .. 1 = type VI, in equal steps
  float defaultSkinTone = 0.15f;  // the renderer's default (between types I and II)
  float uiScale = 1.0f;           // text and spacing (1..2.5)
};

void drawStatusPanel(const StatusInfo& info, UiRequests& requests);

}  // namespace ns::ui
