#pragma once
// The start dialog (issue 16): who is training, asked in the window before the
// session starts when --trainee was not given (trainee and educator modes; never in
// a kiosk or headless). Pick a name from the store or type a new one; "Continue as
// guest" trains without a name, as a run without --trainee always did. Nothing
// moves (pen, simulation, lesson) until it is answered. The name logic is
// records/trainees.h; this is the drawing and the text being typed.
#include <string>
#include <vector>

#include "records/trainees.h"
#include "ui/requests.h"

namespace ns::ui {

struct TraineeDialog {
  bool open = false;
  std::vector<std::string> trainees;  // in the store, for the list
  std::string storeProblem;           // the store could not be read (the list is then empty)
  char typed[records::kMaxTraineeName + 1] = "";
  bool shown = false;                 // the popup was opened (once)
  bool enter = false;                 // Enter was pressed since the last frame (the window's key queue)
};

// Draws the dialog while it is open; Start writes requests.trainee, the guest
// button requests.traineeGuest.
void drawTraineeDialog(TraineeDialog& dialog, UiRequests& requests);

}  // namespace ns::ui
