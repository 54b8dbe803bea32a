#include "tracking/synthetic.h"

#include <algorithm>
#include <cmath>

#include <opencv2/calib3d.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tracking/rig_design.h"
#include "tracking/tag_image.h"

namespace ns::tracking {
namespace {

constexpr int kSuper = 3;       // supersampling of warped tags
constexpr int kCellPx = 16;     // source pixels per tag cell

struct View {
  const Intrinsics& k;
  cv::Matx44d toCamera;
  cv::Vec3d camera(glm::dvec3 p) const {
    cv::Vec4d c = toCamera * cv::Vec4d(p.x, p.y, p.z, 1);
    return {c[0], c[1], c[2]};
  }
  cv::Point2d pixel(glm::dvec3 p) const {
    cv::Vec3d c = camera(p);
    return {k.fx * c[0] / c[2] + k.cx, k.fy * c[1] / c[2] + k.cy};
  }
  // Lambert-like shade of a face with outward normal n at point p; < 0: faces away.
  double shade(glm::dvec3 p, glm::dvec3 n) const {
    cv::Vec3d c = camera(p);
    cv::Vec4d nc4 = toCamera * cv::Vec4d(n.x, n.y, n.z, 0);
    double cosine = -cv::Vec3d(nc4[0], nc4[1], nc4[2]).dot(c) / cv::norm(c);
    return cosine <= 0 ? -1 : 0.55 + 0.45 * cosine;
  }
};

void fillPoly(cv::Mat& img, const std::vector<cv::Point2d>& pts, double grey) {
  std::vector<cv::Point> fixed;
  for (auto& p : pts) fixed.emplace_back(cvRound(p.x * 16), cvRound(p.y * 16));
  cv::fillConvexPoly(img, fixed, cv::Scalar(grey), cv::LINE_AA, 4);
}

// The tag's image warped onto its projected corners and blended in by coverage.
void drawTag(cv::Mat& img, const cv::Mat& src, const std::array<cv::Point2d, 4>& corners, double shade) {
  cv::Rect box = cv::boundingRect(std::vector<cv::Point2f>(corners.begin(), corners.end()));
  box = cv::Rect(box.x - 1, box.y - 1, box.width + 3, box.height + 3) & cv::Rect(0, 0, img.cols, img.rows);
  if (box.area() <= 0) return;
  const float w = static_cast<float>(src.cols) - 0.5f;
  std::vector<cv::Point2f> from = {{-0.5f, -0.5f}, {w, -0.5f}, {w, w}, {-0.5f, w}}, to;
  for (auto& c : corners)
    to.emplace_back(static_cast<float>((c.x - box.x + 0.5) * kSuper - 0.5), static_cast<float>((c.y - box.y + 0.5) * kSuper - 0.5));
  cv::Mat H = cv::getPerspectiveTransform(from, to);
  cv::Size big(box.width * kSuper, box.height * kSuper);
  cv::Mat tag, mask, ones(src.size(), CV_32F, cv::Scalar(1.0));
  cv::warpPerspective(src, tag, H, big, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
  cv::warpPerspective(ones, mask, H, big, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
  cv::resize(tag, tag, box.size(), 0, 0, cv::INTER_AREA);
  cv::resize(mask, mask, box.size(), 0, 0, cv::INTER_AREA);
  cv::Mat region = img(box);
  // Printed black is ~30, paper white ~225 under the shade.
  cv::Mat printed = (tag * 195.0 + 30.0 * mask) * shade;
  region = region.mul(1.0 - mask) + printed;
}

void drawRigTags(SyntheticRenderer& r, cv::Mat& img, const Rig& rig, const View& view) {
  struct Item {
    double depth;
    const RigTag* tag;
  };
  std::vector<Item> items;
  for (const RigTag& t : rig.tags) {
    glm::dvec3 centre = (t.corners_mm[0] + t.corners_mm[2]) * 0.5;
    if (view.shade(centre, tagNormal(t)) < 0) continue;
    items.push_back({view.camera(centre)[2], &t});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.depth > b.depth; });
  for (const Item& it : items) {
    std::array<cv::Point2d, 4> c;
    for (int i = 0; i < 4; ++i) c[i] = view.pixel(it.tag->corners_mm[i]);
    glm::dvec3 centre = (it.tag->corners_mm[0] + it.tag->corners_mm[2]) * 0.5;
    drawTag(img, r.images.at(it.tag->id), c, view.shade(centre, tagNormal(*it.tag)));
  }
}

void drawPadSheet(cv::Mat& img, const View& view) {
  const double z = -kPadThickness_mm;
  fillPoly(img, {view.pixel({-148, 108, z}), view.pixel({148, 108, z}), view.pixel({148, -108, z}), view.pixel({-148, -108, z})},
           205 * view.shade({0, 0, z}, {0, 0, 1}));
  // The practice pad: a skin-toned block whose top is the plane z = 0.
  fillPoly(img, {view.pixel({-92, 54, 0}), view.pixel({92, 54, 0}), view.pixel({92, -54, 0}), view.pixel({-92, -54, 0})},
           165 * view.shade({0, 0, 0}, {0, 0, 1}));
}

// The sleeve's grey body (its faces, which the tags cover but for a rim) and the
// pen's shaft behind it.
void drawPenBody(cv::Mat& img, const View& view) {
  glm::dvec3 a = {0, 0, kPenSleeveTop_mm}, b = {0, 0, 150};
  cv::Point2d pa = view.pixel(a), pb = view.pixel(b);
  cv::Point2d d = pb - pa;
  cv::Point2d n = cv::Point2d(-d.y, d.x) * (1.0 / std::max(1e-9, cv::norm(d)));
  double wa = 10 * view.k.fx / view.camera(a)[2], wb = 10 * view.k.fx / view.camera(b)[2];
  fillPoly(img, {pa + n * wa, pb + n * wb, pb - n * wb, pa - n * wa}, 70);
  double apothem = penApothem_mm(), half = kPenFace_mm / 2;
  for (int ring = 0; ring < 2; ++ring)
    for (int face = 0; face < 6; ++face) {
      double phi = (face + 0.5 * ring) * M_PI / 3.0;
      glm::dvec3 nn(std::cos(phi), std::sin(phi), 0), right(-std::sin(phi), std::cos(phi), 0);
      double z0 = ring == 0 ? 8.0 : 26.0, z1 = ring == 0 ? 26.0 : kPenSleeveTop_mm;
      glm::dvec3 c = nn * apothem;
      double s = view.shade(c + glm::dvec3(0, 0, (z0 + z1) / 2), nn);
      if (s < 0) continue;
      fillPoly(img, {view.pixel(c - right * half + glm::dvec3(0, 0, z1)), view.pixel(c + right * half + glm::dvec3(0, 0, z1)),
                     view.pixel(c + right * half + glm::dvec3(0, 0, z0)), view.pixel(c - right * half + glm::dvec3(0, 0, z0))},
               120 * s);
    }
}

void drawBlob(cv::Mat& img, const View& view, glm::dvec3 centre, double radius_mm, double aspect, double grey) {
  cv::Point2d c = view.pixel(centre);
  double r = radius_mm * view.k.fx / view.camera(centre)[2];
  cv::ellipse(img, cv::Point(cvRound(c.x * 16), cvRound(c.y * 16)), cv::Size(cvRound(r * 16), cvRound(r * aspect * 16)), 30,
              0, 360, cv::Scalar(grey), cv::FILLED, cv::LINE_AA, 4);
}

// Where each pixel of the lens's (bent) picture lies in the pinhole picture: the
// inverse of the distortion, solved once per renderer by OpenCV's iterative undistort.
void makeDistortionMap(SyntheticRenderer& r) {
  const Intrinsics& k = r.camera;
  std::vector<cv::Point2f> bent, straight;
  bent.reserve(size_t(k.width) * size_t(k.height));
  for (int y = 0; y < k.height; ++y)
    for (int x = 0; x < k.width; ++x) bent.emplace_back(float(x), float(y));
  cv::undistortPoints(bent, straight, cameraMatrix(k), distCoeffs(k), cv::noArray(), cameraMatrix(k));
  r.distortX.create(k.height, k.width, CV_32F);
  r.distortY.create(k.height, k.width, CV_32F);
  for (int y = 0, i = 0; y < k.height; ++y)
    for (int x = 0; x < k.width; ++x, ++i) r.distortX.at<float>(y, x) = straight[i].x, r.distortY.at<float>(y, x) = straight[i].y;
}

// Light as a webcam sees it: darker corners, one side brighter than the other.
void applyLight(cv::Mat& img, const RenderOptions& o) {
  if (o.vignetting <= 0 && o.lightGradient <= 0) return;
  double cx = img.cols / 2.0, cy = img.rows / 2.0, corner2 = cx * cx + cy * cy;
  for (int y = 0; y < img.rows; ++y) {
    float* row = img.ptr<float>(y);
    for (int x = 0; x < img.cols; ++x) {
      double r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / corner2;
      double gain = (1 - o.vignetting * r2) * (1 - o.lightGradient * double(x) / img.cols);
      row[x] = float(row[x] * gain);
    }
  }
}

cv::Mat renderStill(SyntheticRenderer& r, const cv::Matx44d& padToCamera, const cv::Matx44d& penToPad,
                    const RenderOptions& o) {
  cv::Mat img(r.camera.height, r.camera.width, CV_32F, cv::Scalar(95));
  View pad{r.camera, padToCamera}, pen{r.camera, padToCamera * penToPad};
  drawPadSheet(img, pad);
  drawRigTags(r, img, r.pad, pad);
  drawPenBody(img, pen);
  drawRigTags(r, img, r.pen, pen);
  if (o.hand) drawBlob(img, pen, {-12, 8, 95}, 38, 0.65, 150);
  if (o.finger) drawBlob(img, pen, {penApothem_mm() + 4, 0, 38}, 8, 1.6, 150);
  return img;
}

}  // namespace

SyntheticRenderer createRenderer(const Rig& pen, const Rig& pad, const Intrinsics& camera) {
  SyntheticRenderer r;
  r.camera = camera;
  r.pen = pen, r.pad = pad;
  for (const Rig* rig : {&pen, &pad})
    for (const RigTag& t : rig->tags) {
      cv::Mat f;
      tagImage(t.id, kCellPx).convertTo(f, CV_32F, 1.0 / 255.0);
      r.images[t.id] = f;
    }
  return r;
}

void destroyRenderer(SyntheticRenderer& r) { r.images.clear(); }

cv::Mat renderFrame(SyntheticRenderer& r, const cv::Matx44d& padToCamera, const std::vector<cv::Matx44d>& penToPad,
                    const RenderOptions& o) {
  cv::Mat sum(r.camera.height, r.camera.width, CV_32F, cv::Scalar(0));
  for (const cv::Matx44d& p : penToPad) sum += renderStill(r, padToCamera, p, o);
  sum /= static_cast<double>(std::max<size_t>(1, penToPad.size()));
  if (o.lensDistortion) {
    if (r.distortX.empty()) makeDistortionMap(r);
    cv::Mat bent;
    cv::remap(sum, bent, r.distortX, r.distortY, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(95));
    sum = bent;
  }
  applyLight(sum, o);
  if (o.blurSigma_px > 0) cv::GaussianBlur(sum, sum, cv::Size(), o.blurSigma_px);
  if (o.noiseSigma > 0) {
    cv::Mat noise(sum.size(), CV_32F);
    cv::theRNG().state = r.rng();
    cv::randn(noise, 0.0, o.noiseSigma);
    sum += noise;
  }
  if (o.gamma != 1) {
    cv::Mat clipped = cv::max(sum, 0.0) / 255.0;
    cv::pow(clipped, 1.0 / o.gamma, sum);
    sum *= 255.0;
  }
  cv::Mat out;
  sum.convertTo(out, CV_8U);  // saturates
  if (o.jpegQuality > 0) {
    std::vector<unsigned char> bytes;
    cv::imencode(".jpg", out, bytes, {cv::IMWRITE_JPEG_QUALITY, o.jpegQuality});
    out = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
  }
  return out;
}

}  // namespace ns::tracking
