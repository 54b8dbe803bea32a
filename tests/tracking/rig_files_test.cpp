// The rig and intrinsics files: the shipped rigs are what the code designs, their
// images are the tags they name, and every kind of bad file is refused with one
// line naming the file, the key and what was expected.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "support.h"
#include "tracking/intrinsics.h"
#include "tracking/rig_design.h"
#include "tracking/tag_image.h"

using namespace ns::tracking;

namespace {

std::string parseError(const std::string& text) {
  Rig rig;
  std::string error;
  EXPECT_FALSE(parseRig(text, "bad.json", rig, error));
  EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
  return error;
}

std::string intrinsicsError(const std::string& text) {
  Intrinsics k;
  std::string error;
  EXPECT_FALSE(parseIntrinsics(text, "cam.json", k, error));
  EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
  return error;
}

const char* kTag = R"({"family": "tag36h11", "id": 3, "image": "tags/t.png",
  "corners_mm": [[0,10,0],[10,10,0],[10,0,0],[0,0,0]]})";

}  // namespace

TEST(RigFiles, ShippedRigsAreTheDesignedOnes) {
  for (auto [name, designed] : {std::pair{"pen.json", shippedPenRig()}, std::pair{"pad.json", shippedPadRig()}}) {
    Rig rig = test::shippedRig(name);
    ASSERT_EQ(rig.tags.size(), designed.tags.size()) << name;
    EXPECT_EQ(rig.name, designed.name);
    for (size_t i = 0; i < rig.tags.size(); ++i) {
      EXPECT_EQ(rig.tags[i].id, designed.tags[i].id);
      for (int k = 0; k < 4; ++k) EXPECT_LT(glm::length(rig.tags[i].corners_mm[k] - designed.tags[i].corners_mm[k]), 1e-3);
      // The image the file names is that tag's image.
      cv::Mat printed = cv::imread(test::rigPath(rig.tags[i].image.c_str()), cv::IMREAD_GRAYSCALE);
      ASSERT_FALSE(printed.empty()) << rig.tags[i].image;
      EXPECT_EQ(cv::norm(printed, tagImage(rig.tags[i].id, printed.cols / kTagTotalCells), cv::NORM_INF), 0);
    }
  }
}

TEST(RigFiles, RoundTripAndTheTagFrame) {
  Rig pen = shippedPenRig(), back;
  std::string error;
  ASSERT_TRUE(parseRig(rigJson(pen), "pen.json", back, error)) << error;
  EXPECT_EQ(back.tags.size(), 12u);
  // Outward normals point away from the pen's axis; the pad's up, out of the sheet.
  for (const RigTag& t : pen.tags) {
    glm::dvec3 c = (t.corners_mm[0] + t.corners_mm[2]) * 0.5;
    EXPECT_GT(glm::dot(tagNormal(t), glm::dvec3(c.x, c.y, 0)), 0);
  }
  for (const RigTag& t : shippedPadRig().tags) EXPECT_NEAR(tagNormal(t).z, 1.0, 1e-12);
  // The black square is the image pulled in by one cell of ten.
  ASSERT_TRUE(parseRig(std::string(R"({"name": "x", "units": "mm", "tags": [)") + kTag + "]}", "x.json", back, error));
  auto b = blackCorners(back.tags[0]);
  EXPECT_NEAR(b[0].x, 1.0, 1e-12);
  EXPECT_NEAR(b[0].y, 9.0, 1e-12);
  EXPECT_NEAR(b[2].x, 9.0, 1e-12);
  EXPECT_NEAR(b[2].y, 1.0, 1e-12);
}

TEST(RigFiles, MalformedRigsAreRefusedWithOneLine) {
  EXPECT_EQ(parseError("{"), "bad.json: not a JSON object (a rig file: name, units, tags)");
  EXPECT_NE(parseError(R"({"name": "x", "units": "cm", "tags": []})").find("bad.json: units: expected \"mm\""), std::string::npos);
  EXPECT_NE(parseError(R"({"name": "x", "units": "mm", "tags": []})").find("tags: expected a non-empty array"), std::string::npos);
  auto withTag = [](std::string tag) { return std::string(R"({"name": "x", "units": "mm", "tags": [)") + tag + "]}"; };
  std::string t = kTag;
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = t;
    s.replace(s.find(from), from.size(), to);
    return withTag(s);
  };
  EXPECT_NE(parseError(replaced("\"tag36h11\"", "\"tag25h9\"")).find("tags[0].family: expected \"tag36h11\""), std::string::npos);
  EXPECT_NE(parseError(replaced("\"id\": 3", "\"id\": 900")).find("tags[0].id: expected an integer 0..586"), std::string::npos);
  EXPECT_NE(parseError(replaced("[0,0,0]]", "[0,0]]")).find("tags[0].corners_mm[3]: expected three finite numbers"), std::string::npos);
  EXPECT_NE(parseError(replaced("[0,0,0]]", "[0,0,null]]")).find("tags[0].corners_mm[3]: expected three finite numbers"),
            std::string::npos);
  EXPECT_NE(parseError(replaced("[10,0,0]", "[10,0,5000]")).find("within ±1000 mm"), std::string::npos);
  EXPECT_NE(parseError(replaced("[10,0,0],[0,0,0]", "[0,0,0],[10,0,0]")).find("folded"), std::string::npos);
  EXPECT_NE(parseError(replaced("[0,10,0],[10,10,0],[10,0,0],[0,0,0]", "[0,1,0],[1,1,0],[1,0,0],[0,0,0]")).find("sides of 3..500 mm"),
            std::string::npos);
  EXPECT_NE(parseError(withTag(t + "," + t)).find("tags[1].id: tag 3 appears twice"), std::string::npos);
  // A number JSON cannot hold (the scene parser once let this one escape as an exception).
  EXPECT_NE(parseError(replaced("[0,0,0]]", "[0,0,-1e309]]")).find("bad.json"), std::string::npos);
  EXPECT_NE(intrinsicsError(R"({"width": 1280, "height": 720, "fx": 1e999})").find("cam.json"), std::string::npos);
  Rig rig;
  std::string error;
  EXPECT_FALSE(loadRig("/nonexistent/rig.json", rig, error));
  EXPECT_NE(error.find("/nonexistent/rig.json"), std::string::npos);
}

TEST(RigFiles, IntrinsicsAreCheckedWhereTheyEnter) {
  const std::string good = R"({"width": 1280, "height": 720, "fx": 920.0, "fy": 920.0, "cx": 640.0, "cy": 360.0,
                               "dist": [0.1, -0.2, 0, 0, 0.05], "rms_px": 0.31})";
  Intrinsics k;
  std::string error;
  ASSERT_TRUE(parseIntrinsics(good, "cam.json", k, error)) << error;
  EXPECT_EQ(k.width, 1280);
  EXPECT_DOUBLE_EQ(k.dist[4], 0.05);
  Intrinsics back;
  ASSERT_TRUE(parseIntrinsics(intrinsicsJson(k), "cam.json", back, error));
  EXPECT_DOUBLE_EQ(back.fx, 920.0);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return intrinsicsError(s);
  };
  EXPECT_EQ(intrinsicsError("[1, 2]"), "cam.json: not a JSON object (camera intrinsics: width, height, fx, fy, cx, cy, dist)");
  EXPECT_EQ(with("\"width\": 1280", "\"width\": 12.5"), "cam.json: width: expected the image width in pixels, 16..16384, got 12.5");
  EXPECT_EQ(with("\"fx\": 920.0", "\"fx\": -920"), "cam.json: fx: expected the focal length in pixels, 0.2..20 × width, got -920");
  EXPECT_EQ(with("\"cx\": 640.0", "\"cx\": 2000"), "cam.json: cx: expected the principal point's x inside the image, 0..width, got 2000");
  EXPECT_EQ(with("[0.1, -0.2, 0, 0, 0.05]", "[0.1, -0.2, 0, 0]"),
            "cam.json: dist: expected five numbers [k1, k2, p1, p2, k3], got [0.1,-0.2,0,0]");
  EXPECT_EQ(with("[0.1, -0.2, 0, 0, 0.05]", "[0.1, -0.2, 0, 0, \"x\"]"),
            "cam.json: dist[4]: expected a finite number within ±100, got \"x\"");
  EXPECT_EQ(with("\"fy\": 920.0,", ""), "cam.json: fy: missing, expected the focal length in pixels, 0.2..20 × width");
  // Intrinsics of another size than the frames: refused, never scaled.
  EXPECT_FALSE(checkFrameSize(k, "cam.json", 1920, 1080, error));
  EXPECT_EQ(error, "cam.json: width/height: the intrinsics are for 1280x720 but the frames are 1920x1080 "
                   "(calibrate at the capture size; no scaling)");
  EXPECT_TRUE(checkFrameSize(k, "cam.json", 1280, 720, error));
}
