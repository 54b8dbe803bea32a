#include "kiosk/letter_picker.h"

namespace ns::kiosk {

std::string pickerLabel(int cell) {
  if (cell >= 0 && cell < 26) return std::string(1, char('A' + cell));
  return cell == kPickerDelete ? "DEL" : cell == kPickerDone ? "OK" : "";
}

bool pickerPress(LetterPicker& p, int cell) {
  if (p.done || cell < 0 || cell >= kPickerCells) return false;
  p.cursor = cell;
  if (cell == kPickerDone) {
    p.done = true;
    return false;
  }
  if (cell == kPickerDelete) {
    if (p.initials.empty()) return false;
    p.initials.pop_back();
    return true;
  }
  if (p.initials.size() >= kInitialsMax) p.initials.pop_back();
  p.initials.push_back(char('A' + cell));
  if (p.initials.size() == kInitialsMax) p.cursor = kPickerDone;  // three letters: done is next
  return true;
}

void pickerMove(LetterPicker& p, PickerMove move) {
  constexpr int rows = (kPickerCells + kPickerColumns - 1) / kPickerColumns;
  int row = p.cursor / kPickerColumns, col = p.cursor % kPickerColumns;
  switch (move) {
    case PickerMove::Left: col = (col + kPickerColumns - 1) % kPickerColumns; break;
    case PickerMove::Right: col = (col + 1) % kPickerColumns; break;
    case PickerMove::Up: row = (row + rows - 1) % rows; break;
    case PickerMove::Down: row = (row + 1) % rows; break;
  }
  p.cursor = row * kPickerColumns + col;
  if (p.cursor >= kPickerCells) p.cursor = kPickerCells - 1;
}

}  // namespace ns::kiosk
