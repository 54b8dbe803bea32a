#pragma once
// The serum panel: simulated time and time controls, the solver's state, healing
// with the key to what the skin shows, the colour key of the serum field (whenever
// it is shown), and the depth profile of concentration.
// No Vulkan types: the caller fills it and reads back the controls.
#include <string>
#include <vector>

#include "ui/requests.h"

namespace ns::ui {

struct SerumView {
  std::string serumName;
  // The serum library (scenes/serums): what is on the skin and what could be.
  std::string serumTitle;              // in words ("" for an inline serum)
  double molecularWeight_da = 0;       // 0: not known
  bool serumOnSkin = false;            // on the skin now (else not yet, or wiped off)
  bool afterNeedling = false;          // this serum belongs on freshly needled skin (PRP)
  std::vector<std::string> serumChoices;
  double time_s = 0;
  std::string backend, scheme;
  unsigned long long steps = 0;
  double dt_s = 0;
  double totalMass = 0;            // concentration·µm³
  // The tissue block shown (a face has one per treated region): "nose (nose layers), 2 of 3"; "" on the patch.
  std::string blockLabel;
  std::vector<float> profile;      // laterally averaged concentration, top down
  double profileDepth_um = 0;      // depth covered by the profile
  float scaleMax = 1.0f;           // top of the colour scale
  // Healing (docs/healing-model.md). Before the first channel (`punctures` 0) the
  // fractions mean nothing and show as "—".
  unsigned long long punctures = 0;  // channels made, the scene's pretreatment included
  bool pretreated = false;           // the scene opened a pass of channels at 0 s
  double openFraction = 1, erythemaMean = 0, collagenIndex = 0;
  bool collagenForming = false;      // the first puncture is old enough for collagen to form
  unsigned long long bleedingPoints = 0, bleedingNow = 0;
  double overTreatedFraction = 0;  // of the treated skin, past the over-treatment density
  // Swelling (oedema, 0 … 1 like redness) and the puffiest column's rise on the
  // assumed scale (healing.swelling_full_mm: no source measures the size).
  double oedemaMean = 0, swellingMaxMm = 0;
  double elastinIndex = 0;
  bool elastinForming = false;     // past month 3, when elastic fibres start to change
  // A course (scene.course): every session's time (s, scheduled from the first
  // puncture), how many were given; empty without a course.
  std::vector<double> sessionTimes_s;
  int sessionsGiven = 0;
  unsigned long long torn = 0;  // torn punctures in the skin so far
  // What the skin shows now, for the keys: redness and bleeding (with puncture marks
  // on a healing atlas); the serum on the cut face and skin, or in the micro view.
  bool healingShown = false, marksShown = false;
  double hemostasis_s = 300, closureHalfLife_s = 1800;
  bool fieldOnSkin = false, microViewShown = false;
  // The controls' current state (changes go into UiRequests).
  bool timeControls = true;        // pause, speeds and jumps are offered
  bool paused = false;
  double timeScale = 1;
  bool cutFace = true;             // the skin has a cut face (the patch): field toggle and slice slider
  bool showField = false;
  bool showMicroView = false;
  int cutSlice = 0;                // y cell of the cross-section (the movable cutting plane)
  int sliceCount = 1;
  double sliceSpacing_mm = 0, blockWidth_mm = 0;
  // The layers, for the cross-section's labelled colours: name, bottom depth (µm).
  std::vector<std::pair<std::string, double>> layers;
};

void drawSerumPanel(const SerumView& view, UiRequests& requests);
// "35.2 s", "5 min", "1 h 02 min", "3 d 4 h": simulated time for people.
std::string formatDuration(double seconds);

}  // namespace ns::ui
