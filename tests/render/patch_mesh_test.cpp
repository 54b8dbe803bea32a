#include <gtest/gtest.h>

#include "render/patch_mesh.h"

TEST(PatchMesh, BlockSpansWidthAndTissueThickness) {
  auto scene = ns::scene::defaultScene();
  auto mesh = ns::render::buildPatchMesh(scene.tissue, 10.0f, 8);
  EXPECT_FLOAT_EQ(mesh.halfWidth_mm, 5.0f);
  EXPECT_NEAR(mesh.thickness_mm, 2.597f, 1e-4);
  EXPECT_EQ(mesh.indices.size() % 3, 0u);
  float minZ = 0, maxZ = -1;
  for (auto& v : mesh.vertices) {
    minZ = std::min(minZ, v.position_mm[2]);
    maxZ = std::max(maxZ, v.position_mm[2]);
    EXPECT_NEAR(v.depth_um, -v.position_mm[2] * 1000.0f, 1e-2f);
  }
  EXPECT_FLOAT_EQ(maxZ, 0.0f);  // skin surface at z = 0
  EXPECT_NEAR(minZ, -2.597f, 1e-4);
  for (uint32_t i : mesh.indices) EXPECT_LT(i, mesh.vertices.size());
}

TEST(PatchMesh, TheTopFaceCarriesThePatchsChart) {
  // u = x / width + 1/2, v = y / width + 1/2 (scene::SkinSurface): the atlas covers
  // the whole visible top; the side cut faces carry it too (their top edge rises
  // with the swelling above it), the bottom is off the chart.
  auto mesh = ns::render::buildPatchMesh(ns::scene::defaultScene().tissue, 10.0f, 8);
  int top = 0;
  for (auto& v : mesh.vertices) {
    if (v.normal[2] > -0.5f) {
      top += v.normal[2] > 0.5f;
      EXPECT_NEAR(v.uv[0], v.position_mm[0] / 10.0f + 0.5f, 1e-6f);
      EXPECT_NEAR(v.uv[1], v.position_mm[1] / 10.0f + 0.5f, 1e-6f);
    } else {
      EXPECT_EQ(v.uv[0], -1.0f);
      EXPECT_EQ(v.uv[1], -1.0f);
    }
  }
  EXPECT_EQ(top, 9 * 9);
}
