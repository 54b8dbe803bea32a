#pragma once
// Pieces of the colour keys the panels draw beside what the renderer shows: the
// renderer's colours (linear RGB in the shaders) as ImGui colours, the viridis bar,
// swatches. Each key says what shaders/skin_patch.frag draws, in its numbers.
#include <imgui.h>

namespace ns::ui {

struct Linear {  // a shader colour, linear RGB
  float r, g, b;
};

// The default skin's base colour (skin_patch.frag at tone 0.15), the ground the
// overlay swatches are shown on.
inline constexpr Linear kDefaultSkin{0.8135f, 0.564f, 0.447f};

Linear mixLinear(Linear a, Linear b, float t);
ImVec4 displayColour(Linear c);  // display-encoded (sRGB), as the overlay writes
Linear viridisLinear(float t);   // the shaders' viridis, t clamped to 0..1

// A viridis bar across the content width, `height` pixels.
void viridisBar(float height);
// A 12 × 12 swatch of `ground` (with a dot of `dot` in it), then SameLine.
void swatch(const char* id, ImVec4 ground);
void dotSwatch(const char* id, ImVec4 ground, ImVec4 dot);
// A 24 × 12 gradient from `from` to `to`, then SameLine.
void rampSwatch(ImVec4 from, ImVec4 to);

}  // namespace ns::ui
