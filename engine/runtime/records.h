#pragma once
// A run's records (issue 16): who trained (--trainee), the session in the local
// store (--data-dir, SQLite), xAPI statements in the outbox (--outbox) and their
// delivery to an LRS (--lrs or the config file) by a background thread that runs
// from the start of the run, so statements left by earlier runs go out while this
// one trains. The report's records.* says what was written, sent and is pending.
#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "records/config.h"
#include "records/lrs.h"
#include "records/store.h"
#include "records/xapi.h"
#include "runtime/options.h"
#include "ui/progress_panel.h"

namespace ns::runtime {

struct RecordsRun;
// Where the run's trainee left `lessonId` unfinished (a step id), if they did.
std::optional<std::string> resumeStepFor(RecordsRun& records, const std::string& lessonId);

struct RecordsRun {
  std::string trainee;            // the actor ("guest" without --trainee)
  std::string dataDir;            // empty: no local store this run
  bool keepSession = false;       // the session goes into the store (a named trainee or --data-dir)
  std::string outbox;             // empty: no statements this run
  bool sessionFile = false;       // --outbox given: also the session record file, as before
  records::RecordsConfig config;
  records::Store store;
  std::string storeProblem;       // a corrupt file moved aside, a store that would not open
  records::Delivery delivery;
  bool delivering = false;
  std::string registration;       // this session's UUID
  std::string classId, station;   // on every statement (--class-id / class_id, station / host name)
  records::Clock::time_point started;
  // Statements written while the run goes on (a crash keeps them): the session's
  // `attempted` once the trainee is known, each lesson step's `progressed` as it is
  // done; finishRecords writes the rest.
  records::SessionFacts facts;    // who, which session, scene, mode, version (lesson: id and title)
  bool attemptedWritten = false;
  std::set<std::string> stepsWritten;  // lesson step ids with a `progressed` statement
  unsigned written = 0;
  std::vector<std::string> files;
  std::string writeProblem;       // the last statement that could not be written
};

// Before the run: reads the config, resolves the folders, opens the store and
// starts delivering what waits in the outbox. False with one line for bad input
// (a bad config file, an outbox that is not a folder).
bool beginRecords(const Options& options, RecordsRun& records, std::string& error);

// The trainee is known (--trainee, --guest or the start dialog): the session starts
// now and its `attempted` statement goes to the outbox. `lesson`: the lesson's id
// and title (null without one).
void startSessionRecords(RecordsRun& records, const std::string& sceneName, const std::string& mode,
                         const std::string& version, const nlohmann::json& lesson);

// The start dialog's answer: train as `name` (a trainee of the store, or a new one):
// the store and the outbox of the data directory are used from now (--data-dir, else
// the XDG one). False with one line when the outbox folder cannot be made.
bool chooseTrainee(RecordsRun& records, const Options& options, const std::string& name, std::string& error);

// The trainees in the store, for the start dialog (empty without one). Opens the
// data directory's store when it exists (it is read only: a guest's run keeps nothing).
std::vector<std::string> knownTrainees(RecordsRun& records, const Options& options, std::string& problem);

// `progressed` for each step of `lessonReport` (lesson::lessonReport) done or
// skipped that has none yet; the sender is woken. Cheap when there is none.
void writeStepStatements(RecordsRun& records, const nlohmann::json& lessonReport);

struct SessionOutcome {
  std::string sceneName, mode, version;
  double score = 0;               // technique score
  double duration_s = 0;          // pen time
  nlohmann::json session;         // the session record (scene, pen, channels, healing, technique, sim time)
  nlohmann::json technique;
  nlohmann::json lesson;          // lesson report, or null
  std::string summaryImage;
};

// After the run: the statements into the outbox, the session into the store, a
// short wait (lrs.drain_s) for the LRS, then the sender stops (what is left goes
// at the next start). Returns records.*; `error` is set when something could not
// be written (the run then exits 1).
nlohmann::json finishRecords(RecordsRun& records, const SessionOutcome& outcome, std::string& error);

// The Progress panel's view of `trainee` (empty: the run's own) from the store;
// an educator also gets the list of everyone. Empty trainee when there is no store.
ui::ProgressView progressView(RecordsRun& records, const std::string& trainee, bool educator);

// Stops the sender and closes the store (also when the run failed early).
void endRecords(RecordsRun& records);

}  // namespace ns::runtime
