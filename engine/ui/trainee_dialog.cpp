#include "ui/trainee_dialog.h"

#include <imgui.h>

#include <cstdio>
#include <utility>

namespace ns::ui {

void drawTraineeDialog(TraineeDialog& d, UiRequests& requests) {
  if (!d.open) return;
  const char* title = "Who is training?";
  if (!d.shown) {
    ImGui::OpenPopup(title);
    d.shown = true;
  }
  ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(34 * em, 0), ImGuiCond_Always);
  ImGui::PushStyleColor(ImGuiCol_PopupBg, ImVec4(0.08f, 0.09f, 0.11f, 1.0f));  // opaque: nothing shows through
  bool open = ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  if (!open) return;
  ImGui::TextWrapped("Pick your name, or type it if you are new. Your sessions, progress and lesson "
                     "positions are kept under it, and your training records carry it.");
  ImGui::Spacing();
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputTextWithHint("##name", "Your name", d.typed, sizeof(d.typed),
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  enter = std::exchange(d.enter, false) || enter;
  std::vector<std::string> shown = records::matchingTrainees(d.trainees, d.typed);
  bool start = false;
  if (!d.trainees.empty()) {
    ImGui::TextDisabled(shown.empty() ? "Nobody of that name yet" : "Trainees on this station");
    ImGui::BeginChild("##trainees", ImVec2(0, 8 * ImGui::GetTextLineHeightWithSpacing()), true);
    for (const std::string& name : shown) {
      if (ImGui::Selectable(name.c_str(), records::existingTrainee(d.trainees, d.typed) == name,
                            ImGuiSelectableFlags_AllowDoubleClick)) {
        std::snprintf(d.typed, sizeof(d.typed), "%s", name.c_str());
        if (ImGui::IsMouseDoubleClicked(0)) start = true;
      }
    }
    ImGui::EndChild();
  } else if (!d.storeProblem.empty()) {
    ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", d.storeProblem.c_str());
  } else {
    ImGui::TextDisabled("No trainees on this station yet: type your name to start.");
  }
  records::TraineePick pick = records::pickTrainee(d.trainees, d.typed);
  ImGui::Spacing();
  if (!pick.problem.empty())
    ImGui::TextDisabled("%s", d.typed[0] ? pick.problem.c_str() : " ");
  else if (pick.isNew)
    ImGui::Text("New trainee: %s", pick.name.c_str());
  else
    ImGui::Text("Welcome back, %s", pick.name.c_str());
  ImGui::Separator();
  ImGui::BeginDisabled(!pick.problem.empty());
  if (ImGui::Button("Start", ImVec2(8 * em, 0)) || ((enter || start) && pick.problem.empty())) {
    requests.trainee = pick.name;
    d.open = false;
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Continue as guest")) {
    requests.traineeGuest = true;
    d.open = false;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train without a name: nothing is kept in the trainees' records.");
  if (!d.open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace ns::ui
