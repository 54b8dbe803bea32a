#include "sim/field_view.h"

#include "sim/diffusion_gpu.h"
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
  view.treated = !state.touched.empty() || !state.pending.empty();
  return view;
}

}  // namespace ns::sim
