#pragma once
// The class view's data for a run (issue 35): which class, where its cache and this
// station's outbox and store are, the LRS to read; the view built from them
// (records/classroom.h). Used by the class feature (--class) and by the export
// alone (--class-export without --class: no session, no window, no GPU).
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "records/classroom.h"
#include "records/config.h"
#include "runtime/feature.h"
#include "runtime/options.h"

namespace ns::runtime {

struct ClassroomRun {
  std::string classId;
  std::string dataDir, outbox, cachePath;
  std::string exportPath;               // --class-export ("" none)
  records::LrsConfig lrs;               // url "" : no LRS, the view is this station's alone
  records::ClassCache cache;
  std::map<std::string, std::string> pictures;  // this station's sessions' pictures
  records::Classroom view;
  std::string lastExport;               // what the last export did, one line
};

// The checks that refuse a run (exit 2, one line): a class id (--class-id or the
// config's class_id), a readable config and cache, an export folder that exists.
// Then the view from the cache and this station's outbox (no network).
bool openClassroom(const Options& options, ClassroomRun& c, std::string& error);

// Reads what is new from the LRS into `cache` (a copy of the run's) and saves it
// when the LRS answered whole. Network and the cache file only: safe on a thread.
// `cancel` (optional) aborts it (a run that ends while it reads).
records::ClassRefresh fetchClass(const records::LrsConfig& lrs, const std::string& cachePath, records::ClassCache& cache,
                                 const std::atomic<bool>* cancel = nullptr);
// Takes a fetch's result: the new cache when it was whole (else the old one stays),
// the view rebuilt, a failure said on stderr in one line.
void takeFetch(ClassroomRun& c, records::ClassCache cache, const records::ClassRefresh& r);
// Both, blocking (headless, the export alone); without an LRS only the rebuild.
void refreshClassroom(ClassroomRun& c);

// The view rebuilt from the cache, this station's outbox and the refresh's counts.
void rebuildClassroom(ClassroomRun& c, const records::ClassRefresh* refresh);

// The view's age: seconds since the LRS last answered whole (-1: never).
double classroomAge_s(const ClassroomRun& c);
nlohmann::json classroomReport(const ClassroomRun& c);

// The CSV written to `path` (temp name, renamed); false with one line.
bool exportClassroom(ClassroomRun& c, const std::string& path, std::string& error);

// The class view's feature (runtime/class_feature.cpp): needs --mode educator and
// what openClassroom checks.
std::unique_ptr<Feature> makeClassFeature(Options& options, std::string& error);

// --class-export without --class: read, merge, write the CSV and --report's
// classroom.*; returns the exit status.
int runClassExport(const Options& options);

}  // namespace ns::runtime
