#pragma once
// The area being treated, as cells on the skin: the patch's visible square, or a
// mesh's UV chart (each cell with the skin area it holds and its region). Coverage,
// density, evenness and over-treatment are counted per cell, so they are measured on
// the skin itself wherever the pen goes, not around the first touch.
#include <string>
#include <vector>

#include "pen/pen_model.h"
#include "scene/skin_surface.h"

namespace ns::training {

// One region's cells on a mesh's UV chart: over the region's UV bounds, each cell
// `cellUv` wide in u and v — `cell_mm` on the skin through the region's own mean
// Jacobian (mm per unit of u and v), so a cell is about as large on the cheek as on
// the nose or the patch, wherever the chart stretches.
// Only the places of the bounds that hold skin get a cell: a region's bounds on the
// head's chart are mostly other regions' skin (the neck rings the face, the cheeks lie
// apart), and cells for all of them were 4.8 M, a quarter of a GB touched at start-up.
struct RegionChart {
  int nx = 0, ny = 0;                 // its bounds in cells, rows along v
  std::vector<int> cells;             // per place of the bounds (y·nx + x): index into the grid's cells, −1: no skin
  glm::dvec2 uv0{0.0}, cellUv{1.0};
};

struct CoverageGrid {
  int nx = 0, ny = 0;                 // the patch's square
  bool byUv = false;                  // cells over the UV chart (a mesh, per region), else over the patch in mm
  std::vector<RegionChart> charts;    // a mesh: per region index
  double patchHalfWidth_mm = 5.0;
  double cell_mm = 0.5;               // the cells' nominal size on the skin
  std::vector<float> area_mm2;        // skin area in each cell (0: no skin there)
  std::vector<int> region;            // index into regionNames (-1: no skin)
  std::vector<glm::vec3> centre_mm;   // a mesh: each cell's skin centroid (scene mm; empty on the patch)
  std::vector<std::string> regionNames;
};

constexpr double kCoverageCell_mm = 0.5;  // evenness is judged on 0.5 mm cells [A]

// Cells about `cell_mm` on the skin: the patch's square, or a mesh's chart per region
// (each triangle's area goes to its region's cells by parts of it; a mesh without UVs
// gets none).
CoverageGrid coverageGrid(const scene::SkinSurface& skin, double cell_mm = kCoverageCell_mm);
// A plain square patch of `width_mm` in one region (tests, the report's zone).
CoverageGrid patchCoverageGrid(double width_mm, const std::string& region, double cell_mm = kCoverageCell_mm);
// The cell a puncture landed in (on a mesh, among its region's cells); -1 off the
// grid (beyond the patch, on a seam, a region the map does not name).
int coverageCell(const CoverageGrid& grid, const pen::Puncture& puncture);

// Where a puncture landed, for its footprint: its cell, its position in cell units
// from the corner of its chart (the patch: the square), that chart's cells, and the
// mm on the skin per cell unit along x and y there (the chart's stretch at the entry).
struct CoverageSpot {
  int cell = -1;                 // -1: off the grid
  glm::dvec2 at{0.0};
  int first = 0, nx = 0, ny = 0; // its chart's places, rows along y: the patch's cells [first, first + nx·ny), ...
  const RegionChart* chart = nullptr;  // ... a mesh's through chart->cells (see spotCell)
  glm::dvec2 cellSize_mm{0.0};
};
CoverageSpot coverageSpot(const CoverageGrid& grid, const pen::Puncture& puncture);
// The cell at place (x, y) of a spot's chart (0 ≤ x < nx, 0 ≤ y < ny); −1: no skin there.
int spotCell(const CoverageSpot& spot, int x, int y);

}  // namespace ns::training
