#include "sim/channel_stamp.h"

#include <algorithm>
#include <cmath>

namespace ns::sim {
namespace {

// The same steps as shaders/channel_common.glsl, in float.
float segmentDistance(glm::vec3 p, glm::vec3 a, glm::vec3 axis, float len) {
  float s = std::clamp(glm::dot(p - a, axis), 0.0f, len);
  return glm::length(p - (a + axis * s));
}

bool insideChannel(glm::vec3 p, const gpu::ChannelStampGpu& c) {
  for (int k = 0; k < 4; ++k) {
    glm::vec3 offset = glm::vec3(c.drag) * (float(k) / 3.0f);
    if (segmentDistance(p - offset, glm::vec3(c.entryAndRadius), glm::vec3(c.axisAndLength), c.axisAndLength.w) <=
        c.entryAndRadius.w)
      return true;
  }
  return false;
}

glm::ivec3 boxOrigin(const gpu::ChannelStampGpu& c, glm::vec3 spacing) {
  glm::vec3 a = glm::vec3(c.entryAndRadius), b = a + glm::vec3(c.axisAndLength) * c.axisAndLength.w;
  glm::vec3 d = glm::vec3(c.drag);
  glm::vec3 lo = glm::min(glm::min(a, b), glm::min(a + d, b + d)) - glm::vec3(c.entryAndRadius.w);
  return glm::ivec3(glm::floor(lo / spacing));
}

glm::ivec3 boxCells(const gpu::ChannelStampGpu& c, glm::vec3 spacing) {
  glm::vec3 a = glm::vec3(c.entryAndRadius), b = a + glm::vec3(c.axisAndLength) * c.axisAndLength.w;
  glm::vec3 d = glm::vec3(c.drag);
  glm::vec3 hi = glm::max(glm::max(a, b), glm::max(a + d, b + d)) + glm::vec3(c.entryAndRadius.w);
  return glm::ivec3(glm::floor(hi / spacing)) - boxOrigin(c, spacing) + glm::ivec3(1);
}

}  // namespace

gpu::ChannelStampGpu channelStamp(const GridShape& s, glm::dvec3 entry_mm, glm::dvec3 axis, double length_um,
                                  double width_um, glm::dvec3 drag_mm) {
  auto toGrid = [&](glm::dvec3 p_mm) {
    return glm::vec3(float(p_mm.x * 1000.0 + s.nx * s.hx_um / 2), float(p_mm.y * 1000.0 + s.ny * s.hy_um / 2),
                     float(-p_mm.z * 1000.0));
  };
  glm::dvec3 unit = glm::normalize(axis);
  gpu::ChannelStampGpu c{};
  c.entryAndRadius = glm::vec4(toGrid(entry_mm), float(width_um / 2));
  // The capsule's rounded end reaches `radius` past its segment: shorten the segment
  // so the channel ends at `length_um`, as a needle tip does.
  float radius = float(width_um / 2);
  c.axisAndLength = glm::vec4(float(unit.x), float(unit.y), float(-unit.z), std::max(0.0f, float(length_um) - radius));
  c.drag = glm::vec4(float(drag_mm.x * 1000.0), float(drag_mm.y * 1000.0), float(-drag_mm.z * 1000.0), 0.0f);
  return c;
}

glm::ivec3 stampBox(const GridShape& s, const std::vector<gpu::ChannelStampGpu>& stamps) {
  glm::vec3 spacing(float(s.hx_um), float(s.hy_um), float(s.hz_um));
  glm::ivec3 box(1);
  for (auto& c : stamps) box = glm::max(box, boxCells(c, spacing));
  return box;
}

void stampChannelsCpu(const GridShape& s, const std::vector<gpu::ChannelStampGpu>& stamps,
                      std::vector<float>& openness) {
  glm::vec3 spacing(float(s.hx_um), float(s.hy_um), float(s.hz_um));
  const int n = NS_STAMP_SUBSAMPLES;
  for (auto& c : stamps) {
    glm::ivec3 origin = boxOrigin(c, spacing), extent = boxCells(c, spacing);
    for (int z = std::max(0, origin.z); z < std::min(s.nz, origin.z + extent.z); ++z)
      for (int y = std::max(0, origin.y); y < std::min(s.ny, origin.y + extent.y); ++y)
        for (int x = std::max(0, origin.x); x < std::min(s.nx, origin.x + extent.x); ++x) {
          int inside = 0;
          for (int k = 0; k < n; ++k)
            for (int j = 0; j < n; ++j)
              for (int i = 0; i < n; ++i) {
                glm::vec3 point = (glm::vec3(float(x), float(y), float(z)) +
                                   (glm::vec3(float(i), float(j), float(k)) + 0.5f) / float(n)) * spacing;
                inside += insideChannel(point, c) ? 1 : 0;
              }
          if (!inside) continue;
          float& cell = openness[s.index(x, y, z)];
          cell = std::max(cell, float(inside) / float(n * n * n));
        }
  }
}

std::vector<glm::dvec3> pretreatmentEntries(const scene::Scene& scene) {
  std::vector<glm::dvec3> entries;
  const auto& p = scene.pretreatment;
  if (!p.enabled) return entries;
  int count = int(std::floor(scene.domain.width_mm / p.spacing_mm));
  double start = -scene.domain.width_mm / 2 + (scene.domain.width_mm - (count - 1) * p.spacing_mm) / 2;
  for (int j = 0; j < count; ++j)
    for (int i = 0; i < count; ++i) entries.push_back({start + i * p.spacing_mm, start + j * p.spacing_mm, 0.0});
  return entries;
}

std::vector<gpu::ChannelStampGpu> pretreatmentStamps(const scene::Scene& scene, const GridShape& shape) {
  std::vector<gpu::ChannelStampGpu> stamps;
  for (const glm::dvec3& entry : pretreatmentEntries(scene))
    stamps.push_back(channelStamp(shape, entry, {0, 0, -1}, scene.pretreatment.depth_um, scene.pretreatment.diameter_um,
                                  {0, 0, 0}));
  return stamps;
}

}  // namespace ns::sim
