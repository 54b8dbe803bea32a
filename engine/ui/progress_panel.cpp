#include "ui/progress_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace ns::ui {

namespace {

// One score over the sessions that have it, on its own 0-100 axis, named for what it
// judges; nothing when no session has it.
void scorePlot(const char* title, const char* id, const std::vector<float>& scores, const char* unit) {
  if (scores.empty()) return;
  char last[24], best[24], overlay[64];
  std::snprintf(last, sizeof(last), unit, scores.back());
  std::snprintf(best, sizeof(best), unit, *std::max_element(scores.begin(), scores.end()));
  std::snprintf(overlay, sizeof(overlay), "last %s, best %s", last, best);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("%s, %zu session%s", title, scores.size(), scores.size() == 1 ? "" : "s");
  ImGui::PopTextWrapPos();
  ImGui::PlotLines(id, scores.data(), int(scores.size()), 0, overlay, 0.0f, 100.0f,
                   ImVec2(ImGui::GetContentRegionAvail().x, 60));
}

}  // namespace

void drawProgressPanel(const ProgressView& v, Thumbnails& pictures, UiRequests& requests) {
  if (v.trainee.empty()) return;
  // Placed by the dock (the right column, folded to its title until asked for).
  if (!ImGui::Begin("Progress")) {
    ImGui::End();
    return;
  }
  if (v.educator && !v.trainees.empty()) {
    if (ImGui::BeginCombo("Trainee", v.trainee.c_str())) {
      for (auto& name : v.trainees)
        if (ImGui::Selectable(name.c_str(), name == v.trainee)) requests.progressTrainee = name;
      ImGui::EndCombo();
    }
  } else {
    ImGui::Text("Trainee: %s", v.trainee.c_str());
  }
  if (!v.problem.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", v.problem.c_str());
  if (v.sessions == 0) {
    ImGui::TextDisabled("No sessions recorded yet.");
    ImGui::End();
    return;
  }
  scorePlot("Technique score (0-100): how the needling was done", "##technique", v.techniqueScores, "%.0f");
  scorePlot("Lesson score (0-100 %): the share of a lesson's steps done", "##lesson", v.lessonScores, "%.0f %%");
  if (!v.regions.empty()) {
    ImGui::Separator();
    ImGui::TextUnformatted("Dial in range, by region (0-100 %)");
    for (auto& [region, values] : v.regions) {
      char label[96];
      std::snprintf(label, sizeof(label), "%s %.0f %%", region.c_str(), values.empty() ? 0.0 : values.back() * 100);
      ImGui::PlotLines(("##" + region).c_str(), values.data(), int(values.size()), 0, label, 0.0f, 1.0f,
                       ImVec2(ImGui::GetContentRegionAvail().x, 32));
    }
  }
  if (!v.warnings.empty()) {
    ImGui::Separator();
    ImGui::TextUnformatted("Warnings that recur (sessions)");
    for (auto& [warning, count] : v.warnings) {
      float fraction = float(count) / float(std::max<size_t>(v.sessions, 1));
      char label[64];
      std::snprintf(label, sizeof(label), "%s  %d", warning.c_str(), count);
      ImGui::ProgressBar(fraction, ImVec2(ImGui::GetContentRegionAvail().x, 0), label);
    }
  }
  ImGui::Separator();
  ImGui::TextUnformatted("Last sessions");
  // Each session: its summary picture beside when, what and the score.
  float pictureWidth = 9.0f * ImGui::GetFontSize();
  for (auto& row : v.last) {
    drawThumbnail(pictures, row.picture, pictureWidth);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(row.when.c_str());
    ImGui::PushTextWrapPos(0.0f);  // a long scene name wraps at the panel's edge
    ImGui::TextUnformatted(row.what.c_str());
    ImGui::PopTextWrapPos();
    // Each score named: a lesson's 100 beside a technique score of 30 is no contradiction.
    std::string scores = row.technique ? "technique " + std::to_string(int(std::lround(*row.technique))) : "no needling";
    if (row.lesson) scores += ", lesson " + std::to_string(int(std::lround(*row.lesson))) + " % " + row.verdict;
    ImGui::TextUnformatted(scores.c_str());
    ImGui::EndGroup();
  }
  ImGui::End();
}

}  // namespace ns::ui
