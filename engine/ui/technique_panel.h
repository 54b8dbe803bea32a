#pragma once
// The technique panel: live gauges (angle, dial against the region's range, stamp
// spacing), the warnings with plain advice, passes with their directions, time
// plots of angle and spacing, the coverage heat map toggle, and the session
// summary (score, breakdown, the two things to improve) with export.
#include <string>
#include <vector>

#include "ui/requests.h"

namespace ns::ui {

struct TechniqueView {
  double score = 0;
  std::vector<std::pair<std::string, double>> breakdown;  // criterion, 0..100
  std::vector<double> weights;  // per breakdown row, in % of the score (when known)
  std::vector<std::pair<std::string, std::string>> warnings;  // id, advice
  std::vector<std::string> improvements;
  int passes = 0, horizontal = 0, vertical = 0, oblique = 0;
  double angleNow_deg = 0, dialNow_mm = 0, rangeMin_mm = 0, rangeMax_mm = 0;
  std::string region;  // whose chart row the dial is held against
  double spacingNow_mm = 0, spacingLimit_mm = 0;
  double spacingUseful_mm = 0;        // closer strikes re-open the same channels: over-treatment (red)
  double densityLimit_per_cm2 = 0;    // over-treated beyond this (the coverage map's pink)
  bool anythingYet = false;     // any contact or puncture yet (else the summary shows "—")
  bool contactNow = false;
  std::vector<float> angleHistory, spacingHistory;
  bool showCoverage = false;
  bool coverageShown = false;         // the map is on the skin now (its key is shown)
  double optimalDermalDose_um = 1000; // the coverage map's 1x
  bool canExport = true;
  std::string lastExport;
};

void drawTechniquePanel(const TechniqueView& view, UiRequests& requests);

}  // namespace ns::ui
