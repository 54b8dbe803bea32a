#include "ui/class_panel.h"

#include <imgui.h>
#include <imgui_internal.h>  // BringWindowToDisplayFront: above the panels, without taking focus

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "records/trainees.h"

namespace ns::ui {
namespace {

using records::TraineeSummary;

const ImVec4 kProblem(1, 0.5f, 0.4f, 1);

std::string when(const std::string& iso) {  // "2026-12-07 10:00"
  return iso.size() >= 16 ? iso.substr(0, 10) + " " + iso.substr(11, 5) : iso;
}

std::string score(const std::optional<double>& v) {
  if (!v) return "-";
  char text[16];
  std::snprintf(text, sizeof(text), "%.0f", *v);
  return text;
}

std::string joined(const auto& items) {
  std::string out;
  for (auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out;
}

enum Column { kName, kStations, kSessions, kLast, kBest, kPassed, kLastAt, kFaults, kColumns };

// The rows in the table's sort order (its header's clicks), name to break ties.
void sortRows(std::vector<const TraineeSummary*>& rows, const ImGuiTableSortSpecs* specs) {
  if (!specs || specs->SpecsCount == 0) return;
  const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
  bool ascending = s.SortDirection == ImGuiSortDirection_Ascending;
  auto key = [&](const TraineeSummary* t) -> double {
    switch (s.ColumnUserID) {
      case kStations: return double(t->stations.size());
      case kSessions: return t->sessions;
      case kLast: return t->lastScore.value_or(-1);
      case kBest: return t->bestScore.value_or(-1);
      case kPassed: return double(t->passedLessons.size());
      case kFaults: return double(t->recurringWarnings.size());
      default: return 0;
    }
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const TraineeSummary* a, const TraineeSummary* b) {
    if (s.ColumnUserID == kName || s.ColumnUserID == kLastAt) {
      const std::string& x = s.ColumnUserID == kName ? a->name : a->lastAt;
      const std::string& y = s.ColumnUserID == kName ? b->name : b->lastAt;
      return ascending ? x < y : y < x;
    }
    double x = key(a), y = key(b);
    return ascending ? x < y : y < x;
  });
}

void header(const ClassPanelView& v, const records::Classroom& c) {
  int sessions = 0;
  for (auto& t : c.trainees) sessions += t.sessions;
  ImGui::Text("Class %s: %zu trainee%s, %d session%s", c.classId.c_str(), c.trainees.size(),
              c.trainees.size() == 1 ? "" : "s", sessions, sessions == 1 ? "" : "s");
  std::string source;
  if (c.source == "local")
    source = "Source: this station only (no LRS configured)";
  else if (c.source == "lrs")
    source = "Source: the LRS, read " + ageText(v.age_s) + " ago";
  else
    source = v.age_s < 0 ? "Source: the LRS has not answered yet; this station's statements only"
                         : "Source: the cached class, as the LRS gave it " + ageText(v.age_s) + " ago";
  if (c.localStatements) source += ", plus " + std::to_string(c.localStatements) + " statements not yet sent from here";
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(source.c_str());
  if (v.refreshing) ImGui::TextDisabled("Reading the LRS...");
  if (!c.problem.empty()) ImGui::TextColored(kProblem, "Last refresh failed: %s", c.problem.c_str());
  if (c.skippedOtherClass || c.skippedMalformed)
    ImGui::TextDisabled("Skipped: %u of another class, %u malformed", c.skippedOtherClass, c.skippedMalformed);
  ImGui::PopTextWrapPos();
}

void traineeTable(const std::vector<const TraineeSummary*>& shown, ClassPanelState& state, UiRequests& requests,
                  float height) {
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("trainees", kColumns, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Trainee", ImGuiTableColumnFlags_DefaultSort, 2.2f, kName);
  ImGui::TableSetupColumn("Stations", 0, 1.4f, kStations);
  ImGui::TableSetupColumn("Sessions", 0, 0.9f, kSessions);
  ImGui::TableSetupColumn("Last", 0, 0.6f, kLast);
  ImGui::TableSetupColumn("Best", 0, 0.6f, kBest);
  ImGui::TableSetupColumn("Passed", 0, 1.6f, kPassed);
  ImGui::TableSetupColumn("Last session", 0, 1.5f, kLastAt);
  ImGui::TableSetupColumn("Recurring faults", 0, 1.8f, kFaults);
  ImGui::TableHeadersRow();
  std::vector<const TraineeSummary*> rows = shown;
  sortRows(rows, ImGui::TableGetSortSpecs());
  for (const TraineeSummary* t : rows) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(kName);
    if (ImGui::Selectable(t->name.c_str(), state.selected == t->name, ImGuiSelectableFlags_SpanAllColumns))
      requests.classTrainee = t->name;
    ImGui::TableSetColumnIndex(kStations);
    ImGui::TextUnformatted(joined(t->stations).c_str());
    ImGui::TableSetColumnIndex(kSessions);
    ImGui::Text("%d", t->sessions);
    ImGui::TableSetColumnIndex(kLast);
    ImGui::TextUnformatted(score(t->lastScore).c_str());
    ImGui::TableSetColumnIndex(kBest);
    ImGui::TextUnformatted(score(t->bestScore).c_str());
    ImGui::TableSetColumnIndex(kPassed);
    ImGui::TextUnformatted(t->passedLessons.empty() ? "none yet" : joined(t->passedLessons).c_str());
    ImGui::TableSetColumnIndex(kLastAt);
    ImGui::TextUnformatted(when(t->lastAt).c_str());
    ImGui::TableSetColumnIndex(kFaults);
    if (t->recurringWarnings.empty()) ImGui::TextDisabled("none");
    else ImGui::TextColored(kProblem, "%s", joined(t->recurringWarnings).c_str());
  }
  ImGui::EndTable();
}

// What to teach next: each recurring fault as a bar of the class's trainees.
void recurringBars(const records::Classroom& c) {
  ImGui::TextUnformatted("Recurring faults (trainees with it in 2 of their last 5 sessions)");
  if (c.recurring.empty()) {
    ImGui::TextDisabled("None: no fault recurs in any trainee.");
    return;
  }
  float n = float(std::max<size_t>(1, c.trainees.size()));
  for (const records::RecurringWarning& r : c.recurring) {
    const char* arrow = r.trend == "rising" ? "rising" : r.trend == "falling" ? "falling" : r.trend == "new" ? "new" : "steady";
    char label[160];
    std::snprintf(label, sizeof(label), "%s: %d of %zu trainees, %s (%.0f %% of recent sessions)", r.warning.c_str(),
                  r.trainees, c.trainees.size(), arrow, r.recentShare * 100);
    ImGui::ProgressBar(float(r.trainees) / n, ImVec2(ImGui::GetContentRegionAvail().x, 0), label);
  }
}

// Each trainee's last score as a bar (0-100), in the table's rows' order.
void scoreBars(const std::vector<const TraineeSummary*>& rows) {
  ImGui::TextUnformatted("Last score by trainee (0-100)");
  for (const TraineeSummary* t : rows) {
    char label[240];
    std::snprintf(label, sizeof(label), "%s  %s", t->name.c_str(), score(t->lastScore).c_str());
    ImGui::ProgressBar(float(t->lastScore.value_or(0) / 100.0), ImVec2(ImGui::GetContentRegionAvail().x, 0), label);
  }
}

void traineeDetail(const TraineeSummary& t, Thumbnails& pictures) {
  ImGui::Text("%s: %d session%s on %s", t.name.c_str(), t.sessions, t.sessions == 1 ? "" : "s",
              t.stations.empty() ? "no named station" : joined(t.stations).c_str());
  std::vector<float> scores;
  for (auto& s : t.history)
    if (s.score) scores.push_back(float(*s.score));
  if (!scores.empty()) {
    char overlay[64];
    std::snprintf(overlay, sizeof(overlay), "score by session: last %.0f, best %.0f", scores.back(),
                  *std::max_element(scores.begin(), scores.end()));
    ImGui::PlotLines("##scores", scores.data(), int(scores.size()), 0, overlay, 0.0f, 100.0f,
                     ImVec2(ImGui::GetContentRegionAvail().x, 56));
  }
  if (ImGui::BeginTable("lessons", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* h : {"Lesson", "Sessions", "Last", "Best", "Passed"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (auto& l : t.lessons) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.lesson.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d", l.sessions);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(score(l.lastScore).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(score(l.bestScore).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.passed ? "yes" : "no");
    }
    ImGui::EndTable();
  }
  if (!t.regionsLast.empty()) {
    ImGui::TextUnformatted("Dial in range by region, last session (best)");
    for (auto& [region, f] : t.regionsLast) {
      char label[96];
      std::snprintf(label, sizeof(label), "%s %.0f %% (best %.0f %%)", region.c_str(), f * 100, t.regionsBest.at(region) * 100);
      ImGui::ProgressBar(float(f), ImVec2(ImGui::GetContentRegionAvail().x, 0), label);
    }
  }
  ImGui::TextUnformatted("Sessions, newest first");
  float width = 7.0f * ImGui::GetFontSize();
  size_t shownPictures = 0;
  for (size_t i = t.history.size(); i-- > 0;) {
    const records::ClassSession& s = t.history[i];
    if (!s.picture.empty() && shownPictures < kMaxThumbnails) {
      drawThumbnail(pictures, s.picture, width);
      ++shownPictures;
      ImGui::SameLine();
    } else {
      if (s.picture.empty()) ImGui::TextDisabled("[ran on %s]", s.station.empty() ? "another station" : s.station.c_str());
      else ImGui::TextDisabled("[picture on this station]");
      ImGui::SameLine();
    }
    ImGui::BeginGroup();
    std::string verdict = s.passed ? (*s.passed ? "passed" : "failed") : "";
    std::string scored = s.score ? "score " + score(s.score) : "no needling";
    ImGui::Text("%s  %s  %s %s", when(s.at).c_str(), s.lesson.c_str(), scored.c_str(), verdict.c_str());
    if (!s.warnings.empty()) ImGui::TextColored(kProblem, "%s", joined(s.warnings).c_str());
    ImGui::EndGroup();
  }
}

}  // namespace

std::string ageText(double age_s) {
  if (age_s < 0) return "never";
  char text[32];
  if (age_s < 90) std::snprintf(text, sizeof(text), "%.0f s", age_s);
  else if (age_s < 5400) std::snprintf(text, sizeof(text), "%.0f min", age_s / 60);
  else if (age_s < 172800) std::snprintf(text, sizeof(text), "%.0f h", age_s / 3600);
  else std::snprintf(text, sizeof(text), "%.0f days", age_s / 86400);
  return text;
}

std::vector<const TraineeSummary*> classRows(const records::Classroom& c, const char* search) {
  std::vector<std::string> names;
  for (auto& t : c.trainees) names.push_back(t.name);
  std::vector<std::string> kept = records::matchingTrainees(names, search ? search : "");
  std::vector<const TraineeSummary*> rows;
  for (auto& t : c.trainees)
    if (std::find(kept.begin(), kept.end(), t.name) != kept.end()) rows.push_back(&t);
  return rows;
}

void drawClassPanel(const ClassPanelView& v, ClassPanelState& state, Thumbnails& pictures, float x, float y, float w,
                    float h, UiRequests& requests) {
  if (!v.classroom) return;
  if (!state.open) {
    ImGui::SetNextWindowPos(ImVec2(x, y));
    ImGui::Begin("##classbutton", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
    if (ImGui::Button("Class view")) state.open = true;
    ImGui::End();
    return;
  }
  const records::Classroom& c = *v.classroom;
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: the panels beneath must not show through the table
  if (!ImGui::Begin("Class", &state.open, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  // The panels placed after it (Progress) would otherwise open on top of it.
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  header(v, c);
  if (ImGui::Button("Refresh")) requests.classRefresh = true;
  ImGui::SameLine();
  if (ImGui::Button("Export CSV")) requests.classExport = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(12 * ImGui::GetFontSize());
  ImGui::InputTextWithHint("##search", "search trainees", state.search, sizeof(state.search));
  if (!v.lastExport.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", v.lastExport.c_str());
  }
  std::vector<const TraineeSummary*> rows = classRows(c, state.search);
  if (c.trainees.empty()) {
    ImGui::TextDisabled("No sessions of this class yet.");
    ImGui::End();
    return;
  }
  float tableHeight = std::min(ImGui::GetTextLineHeightWithSpacing() * float(rows.size() + 2) + 6,
                               ImGui::GetContentRegionAvail().y * 0.4f);
  traineeTable(rows, state, requests, tableHeight);
  if (rows.size() < c.trainees.size())
    ImGui::TextDisabled("%zu of %zu trainees match the search", rows.size(), c.trainees.size());
  // Below the table: the class at a glance on the left, one trainee on the right.
  float half = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("class", ImVec2(half - 4, 0), false);
  recurringBars(c);
  ImGui::Separator();
  scoreBars(rows);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("trainee", ImVec2(0, 0), false);
  const TraineeSummary* selected = nullptr;
  for (auto& t : c.trainees)
    if (t.name == state.selected) selected = &t;
  if (selected) traineeDetail(*selected, pictures);
  else ImGui::TextDisabled("Pick a trainee in the table to see their sessions.");
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace ns::ui
