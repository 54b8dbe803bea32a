#pragma once
// The class view (issue 35, educator --class): every trainee of a class across
// stations in a sortable table with a search box, the class's recurring faults as
// bars (in how many trainees, and their trend), each trainee's last score as a bar,
// one trainee's lessons, regions and sessions (their summary pictures when they ran
// on this station, a plain mark when not), where the data came from and how old it
// is, Refresh and Export CSV. The view is records::Classroom as the runtime built it;
// the panel keeps only what the educator typed and picked.
#include <string>

#include "records/classroom.h"
#include "ui/requests.h"
#include "ui/thumbnails.h"

namespace ns::ui {

struct ClassPanelState {
  char search[128] = "";
  std::string selected;   // the trainee whose sessions are shown ("" none)
  bool open = true;       // the window shown (the Class button in its corner reopens it)
};

struct ClassPanelView {
  const records::Classroom* classroom = nullptr;
  double age_s = -1;          // since the LRS last answered whole (-1 never)
  bool refreshing = false;    // a refresh is under way
  std::string exportPath;     // where Export CSV writes
  std::string lastExport;     // what the last export did
};

// "3 min", "2 h", "5 days" (never empty; "never" for a negative age).
std::string ageText(double age_s);

// The trainees `search` keeps (records/trainees.h matching: case and spacing
// ignored), in the table's order.
std::vector<const records::TraineeSummary*> classRows(const records::Classroom& c, const char* search);

void drawClassPanel(const ClassPanelView& view, ClassPanelState& state, Thumbnails& pictures, float x, float y, float w,
                    float h, UiRequests& requests);

}  // namespace ns::ui
