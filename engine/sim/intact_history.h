#pragma once
// Long intervals in chunks, and the history of a block that stayed intact skin.
//
// After a change (the serum put on or taken off, a puncture) the solution moves fast,
// then ever slower: chunks of 10 % of the time since the last change keep the implicit
// steps accurate and take six weeks in a few hundred chunks. The batch and a block
// catching up on the face both step this way.
//
// A block of tissue placed at time t under a region first needled then was intact
// skin since t = 0: no channels, one surface condition over its whole top, layers by
// depth only — so every column of it is the same and its history is one column's.
#include <vector>

#include "sim/diffusion_solver.h"

namespace ns::sim {

constexpr double kBatchChunkGrowth = 0.1;  // a chunk ≤ 10 % of the time since the last change

// The latest time `solver`'s solution was disturbed at `now`: the serum applied or
// removed, or the last puncture in it (`lastPuncture_s` < 0: none).
double lastChange_s(const DiffusionSolver& solver, double lastPuncture_s, double now);

// The next interval from `now` towards `until_s` for `solver`'s serum: at least
// `minChunk_s`, else 10 % of the time since the last change, never across a serum change.
double nextChunk_s(const DiffusionSolver& solver, double lastPuncture_s, double minChunk_s, double now, double until_s);

// The activity at `until_s` of a block like `block` (its grid, layers, serum, bottom,
// settings) left intact from t = 0: one 1×1×nz column on the CPU, stepped in chunks
// with uncapped implicit steps, copied into every column (nx·ny·nz values). Costs the
// column's steps (about a millisecond), not the block's.
std::vector<float> intactActivity(const DiffusionSolver& block, double until_s, double minChunk_s);

}  // namespace ns::sim
