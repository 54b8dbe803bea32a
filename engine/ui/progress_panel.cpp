#include "ui/progress_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace ns::ui {

void drawProgressPanel(const ProgressView& v, UiRequests& requests) {
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
  if (v.scores.empty()) {
    ImGui::TextDisabled("No sessions recorded yet.");
    ImGui::End();
    return;
  }
  char overlay[64];
  std::snprintf(overlay, sizeof(overlay), "last %.0f, best %.0f", v.scores.back(),
                *std::max_element(v.scores.begin(), v.scores.end()));
  ImGui::Text("Score over %zu sessions", v.scores.size());
  ImGui::PlotLines("##scores", v.scores.data(), int(v.scores.size()), 0, overlay, 0.0f, 100.0f,
                   ImVec2(ImGui::GetContentRegionAvail().x, 70));
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
      float fraction = float(count) / float(v.scores.size());
      char label[64];
      std::snprintf(label, sizeof(label), "%s  %d", warning.c_str(), count);
      ImGui::ProgressBar(fraction, ImVec2(ImGui::GetContentRegionAvail().x, 0), label);
    }
  }
  ImGui::Separator();
  ImGui::TextUnformatted("Last sessions");
  if (ImGui::BeginTable("##last", 3, ImGuiTableFlags_SizingStretchProp)) {
    for (auto& row : v.last) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.when.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.what.c_str());
      if (!row.picture.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.picture.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.0f %s", row.score, row.verdict.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace ns::ui
