#pragma once
// Initials on the score screen without a keyboard: a grid of the letters A–Z, a
// delete and a done cell, pressed by touch or mouse (the cell under the finger) or
// walked with a gamepad (the d-pad moves the highlighted cell, A presses it, B
// deletes). Up to three letters; the kiosk writes them into the day's list as they
// change. Plain data: the runtime draws the grid and feeds it presses.
#include <string>

namespace ns::kiosk {

constexpr int kPickerColumns = 7;
constexpr int kPickerCells = 28;                 // 26 letters, delete, done
constexpr int kPickerDelete = 26, kPickerDone = 27;
constexpr size_t kInitialsMax = 3;

struct LetterPicker {
  std::string initials;  // A–Z, at most kInitialsMax
  int cursor = 0;        // the highlighted cell (gamepad)
  bool done = false;     // the visitor pressed done
};

enum class PickerMove { Left, Right, Up, Down };

// The cell's label: "A".."Z", "DEL", "OK".
std::string pickerLabel(int cell);
// Presses `cell`: a letter is added (a fourth replaces the third), delete takes the
// last away, done closes the picker. True when the initials changed.
bool pickerPress(LetterPicker& picker, int cell);
// Moves the highlighted cell on the grid (wrapping around its edges).
void pickerMove(LetterPicker& picker, PickerMove move);

}  // namespace ns::kiosk
