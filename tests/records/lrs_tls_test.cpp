// Delivery over HTTPS with TLS verification on: the stand-in LRS behind cpp-httplib's
// SSLServer (OpenSSL) with a certificate made for the test. Trusted through
// lrs.ca_file, the statements arrive; with the system's CAs only, or another CA,
// the handshake is refused and they stay in the outbox; the config file's ca_file
// is read and checked.
#include <gtest/gtest.h>

#include <cstdio>

#include "core/files.h"
#include "records/config.h"
#include "records/lrs.h"
#include "records/outbox.h"
#include "records_test_util.h"
#include "support/lrs_standin.h"

namespace {
namespace fs = std::filesystem;
using namespace ns::records;

struct TlsLrs {
  ns::test::LrsStandIn lrs;
  std::string otherCa;  // a certificate nobody signed the LRS's with
};

void startTlsLrs(TlsLrs& t, const fs::path& dir) {
  std::string error, otherKey;
  ASSERT_TRUE(ns::test::makeTestCertificate((dir / "lrs").string(), t.lrs.certFile, t.lrs.keyFile, error)) << error;
  ASSERT_TRUE(ns::test::makeTestCertificate((dir / "other").string(), t.otherCa, otherKey, error)) << error;
  ns::test::startLrs(t.lrs);
  ASSERT_GT(t.lrs.port, 0) << "the TLS stand-in did not start";
}

LrsConfig tlsConfig(const ns::test::LrsStandIn& lrs, const std::string& caFile) {
  LrsConfig c;
  c.url = lrs.base();
  c.user = lrs.user;
  c.password = lrs.password;
  c.timeout_s = 5;
  c.caFile = caFile;
  return c;
}

size_t fill(const fs::path& box) {
  size_t n = 0;
  for (auto& s : ns::test::someStatements("tess")) {
    std::string path, error;
    EXPECT_TRUE(writeStatement(box.string(), s, path, error)) << error;
    ++n;
  }
  return n;
}

}  // namespace

TEST(LrsTls, TrustingTheSitesCaTheStatementsArriveOverHttps) {
  fs::path dir = ns::test::recordsScratch("lrs_tls_trusted");
  TlsLrs t;
  startTlsLrs(t, dir);
  ASSERT_EQ(t.lrs.base().rfind("https://127.0.0.1:", 0), 0u);
  fs::path box = dir / "box";
  fs::create_directories(box);
  size_t n = fill(box);
  DeliveryStats stats;
  EXPECT_TRUE(deliverPending(box.string(), tlsConfig(t.lrs, t.lrs.certFile), stats)) << stats.lastStatus;
  EXPECT_EQ(stats.lastStatus, "200");
  EXPECT_EQ(stats.sent, n);
  EXPECT_EQ(ns::test::storedCount(t.lrs), n);
  EXPECT_EQ(countPending(box.string()), 0u);
  ns::test::stopLrs(t.lrs);
}

TEST(LrsTls, AnUntrustedCertificateIsRefusedAndTheStatementsStay) {
  fs::path dir = ns::test::recordsScratch("lrs_tls_untrusted");
  TlsLrs t;
  startTlsLrs(t, dir);
  fs::path box = dir / "box";
  fs::create_directories(box);
  size_t n = fill(box);
  for (const std::string& ca : {std::string(), t.otherCa}) {  // the system's CAs; another CA
    DeliveryStats stats;
    EXPECT_FALSE(deliverPending(box.string(), tlsConfig(t.lrs, ca), stats)) << "ca_file '" << ca << "'";
    EXPECT_EQ(stats.lastStatus.rfind("no answer: ", 0), 0u) << stats.lastStatus;
    EXPECT_NE(stats.lastStatus.find("certificate"), std::string::npos) << stats.lastStatus;
    EXPECT_EQ(stats.sent, 0u);
    EXPECT_EQ(countPending(box.string()), n) << "nothing leaves the outbox unverified";
    std::printf("untrusted, %s: %s\n", ca.empty() ? "the system's CAs" : "another CA", stats.lastStatus.c_str());
  }
  EXPECT_EQ(ns::test::storedCount(t.lrs), 0u);
  EXPECT_EQ(t.lrs.requests, 0) << "no request crossed an unverified connection";
  ns::test::stopLrs(t.lrs);
}

TEST(LrsTls, TheConfigFileNamesTheCaFile) {
  fs::path dir = ns::test::recordsScratch("lrs_tls_config");
  std::string error;
  fs::path pem = dir / "ca.pem";
  ASSERT_TRUE(ns::core::writeTextAtomic(pem.string(), "-----BEGIN CERTIFICATE-----\n", error));
  fs::path good = dir / "good.json", bad = dir / "bad.json";
  ASSERT_TRUE(ns::core::writeTextAtomic(good.string(), R"({"lrs": {"url": "https://lrs.example/xapi/", "ca_file": ")" + pem.string() + "\"}}", error));
  ASSERT_TRUE(ns::core::writeTextAtomic(bad.string(), R"({"lrs": {"ca_file": "/nonexistent/ca.pem"}})", error));
  RecordsConfig config;
  ASSERT_TRUE(loadRecordsConfig(good.string(), config, error)) << error;
  EXPECT_EQ(config.lrs.caFile, pem.string());
  RecordsConfig other;
  EXPECT_FALSE(loadRecordsConfig(bad.string(), other, error));
  EXPECT_EQ(error, bad.string() + ": lrs.ca_file: /nonexistent/ca.pem: expected a PEM file of trusted certificates");
}
