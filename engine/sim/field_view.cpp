#include "sim/field_view.h"

#include "sim/diffusion_gpu.h"
#include "sim/healing.h"
#include "sim/healing_gpu.h"

namespace ns::sim {

FieldView publishedField(const DiffusionGpu& diffusion, const HealingGpu& healing, const HealingState& state) {
  FieldView view;
  view.shape = diffusion.shape;
  view.texelsPerRow = diffusion.layout.texelsPerRow();
  view.activity[0] = diffusion.activityView[0];
  view.activity[1] = diffusion.activityView[1];
  view.current = diffusion.current;
  view.capacity = diffusion.capacityView;
  view.healingSurface = healing.surfaceView;
  view.atlas = state.atlas ? glm::ivec2(state.shape.nx, state.shape.ny) : glm::ivec2(0, 0);
  ColumnRect treated = state.touched;
  if (!state.pending.empty()) {
    treated.include(state.pending.x0, state.pending.y0);
    treated.include(state.pending.x1 - 1, state.pending.y1 - 1);
  }
  view.treated = {treated.x0, treated.y0, treated.x1, treated.y1};
  return view;
}

}  // namespace ns::sim
