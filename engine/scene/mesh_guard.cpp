// loadSurfaceMesh: Assimp runs in a forked child under a memory limit, and the
// parent waits at most the import budget for its answer. Assimp's loaders trust
// the counts a file declares: one of its own invalid/ test files spins for minutes,
// others allocate hundreds of gigabytes or crash. In the child that costs nothing
// but the child: the parent kills it at the deadline, or reads its exit signal,
// and refuses the file with one line. The child sends the finished SurfaceMesh
// back through a pipe in a plain length-prefixed form.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "scene/surface_mesh.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NS_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(NS_ASAN)
#define NS_ASAN 1
#endif
#ifndef NS_ASAN
#define NS_ASAN 0
#endif

namespace ns::scene {
namespace {

struct Writer {
  std::string bytes;
  template <class T>
  void pod(const T& value) {
    bytes.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  template <class T>
  void array(const std::vector<T>& values) {
    pod(uint64_t(values.size()));
    bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void text(const std::string& s) {
    pod(uint64_t(s.size()));
    bytes.append(s);
  }
  void texts(const std::vector<std::string>& list) {
    pod(uint64_t(list.size()));
    for (auto& s : list) text(s);
  }
};

// Reads what Writer wrote; any length past the end makes it fail, never overrun.
struct Reader {
  const std::string& bytes;
  size_t at = 0;
  bool ok = true;
  template <class T>
  T pod() {
    T value{};
    if (!ok || bytes.size() - at < sizeof(T)) return ok = false, value;
    std::memcpy(&value, bytes.data() + at, sizeof(T));
    at += sizeof(T);
    return value;
  }
  template <class T>
  std::vector<T> array() {
    uint64_t n = pod<uint64_t>();
    if (!ok || n > (bytes.size() - at) / sizeof(T)) return ok = false, std::vector<T>{};
    std::vector<T> values(n);
    if (n > 0) std::memcpy(values.data(), bytes.data() + at, n * sizeof(T));  // data() is null when empty
    at += n * sizeof(T);
    return values;
  }
  std::string text() {
    uint64_t n = pod<uint64_t>();
    if (!ok || n > bytes.size() - at) return ok = false, std::string{};
    std::string s = bytes.substr(at, n);
    at += n;
    return s;
  }
  std::vector<std::string> texts() {
    uint64_t n = pod<uint64_t>();
    std::vector<std::string> list;
    for (uint64_t i = 0; ok && i < n; ++i) list.push_back(text());
    return list;
  }
};

std::string encode(bool ok, const SurfaceMesh& m, const std::string& error, const std::vector<std::string>& warnings) {
  Writer w;
  w.pod(uint8_t(ok));
  w.text(error);
  w.texts(warnings);
  w.text(m.path);
  w.array(m.positions);
  w.array(m.normals);
  w.array(m.uvs);
  w.array(m.regions);
  w.array(m.occlusion);
  w.array(m.vermilion);
  w.texts(m.regionNames);
  w.array(m.indices);
  w.pod(m.boundsMin);
  w.pod(m.boundsMax);
  return w.bytes;
}

bool decode(const std::string& bytes, SurfaceMesh& m, std::string& error, std::vector<std::string>& warnings,
            bool& ok) {
  Reader r{bytes};
  ok = r.pod<uint8_t>() != 0;
  error = r.text();
  warnings = r.texts();
  m.path = r.text();
  m.positions = r.array<glm::vec3>();
  m.normals = r.array<glm::vec3>();
  m.uvs = r.array<glm::vec2>();
  m.regions = r.array<uint8_t>();
  m.occlusion = r.array<float>();
  m.vermilion = r.array<float>();
  m.regionNames = r.texts();
  m.indices = r.array<uint32_t>();
  m.boundsMin = r.pod<glm::vec3>();
  m.boundsMax = r.pod<glm::vec3>();
  if (!r.ok || r.at != bytes.size()) return false;
  if (!ok) return true;
  size_t n = m.positions.size();  // whole and consistent, or not used
  if (m.normals.size() != n || m.regions.size() != n || (!m.uvs.empty() && m.uvs.size() != n) ||
      (!m.occlusion.empty() && m.occlusion.size() != n) || (!m.vermilion.empty() && m.vermilion.size() != n))
    return false;
  for (uint32_t index : m.indices)
    if (index >= n) return false;
  return true;
}

bool writeAll(int fd, const std::string& bytes) {
  for (size_t at = 0; at < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + at, bytes.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += size_t(n);
  }
  return true;
}

[[noreturn]] void runChild(int fd, const std::string& path, const MeshLimits& limits) {
  signal(SIGPIPE, SIG_IGN);
  rlimit none{0, 0};
  setrlimit(RLIMIT_CORE, &none);  // a crash in a loader is expected here, not a core dump
#if !NS_ASAN  // ASan reserves terabytes of shadow address space: no limit under it
  rlimit memory{rlim_t(limits.maxImportBytes), rlim_t(limits.maxImportBytes)};
  setrlimit(RLIMIT_AS, &memory);
#endif
#if !NS_ASAN  // (under ASan a report from our conversion in here must stay visible)
  // Assimp talks on stderr before it gives up (its ai_assert prints, then aborts): that
  // would be a second line beside the refusal. Everything the parent needs comes
  // through the pipe.
  int quiet = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (quiet >= 0) ::dup2(quiet, STDERR_FILENO);
#endif
  SurfaceMesh mesh;
  std::string error;
  std::vector<std::string> warnings;
  bool ok = false;
  try {
    ok = importSurfaceMesh(path, nullptr, 0, limits, mesh, error, warnings);
  } catch (const std::exception& e) {  // bad_alloc under the memory limit
    error = path + ": not a readable mesh (" + e.what() + ")";
  }
  bool sent = writeAll(fd, encode(ok, mesh, error, warnings));
  _exit(sent ? 0 : 3);  // no destructors or atexit handlers of the parent's program
}

}  // namespace

bool loadSurfaceMesh(const std::string& path, SurfaceMesh& mesh, std::string& error,
                     std::vector<std::string>& warnings, const MeshLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    error = path + ": no such mesh file";
    return false;
  }
  uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (ec || bytes > limits.maxFileBytes) {
    error = path + ": " + (ec ? "cannot read its size" : std::to_string(bytes >> 20) + " MiB") +
            ": larger than a skin mesh may be (at most " + std::to_string(limits.maxFileBytes >> 20) + " MiB)";
    return false;
  }
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return importSurfaceMesh(path, nullptr, 0, limits, mesh, error, warnings);
  pid_t child = ::fork();
  if (child < 0) {  // no processes to spare: import here, without the budget
    ::close(fds[0]);
    ::close(fds[1]);
    return importSurfaceMesh(path, nullptr, 0, limits, mesh, error, warnings);
  }
  if (child == 0) {
    ::close(fds[0]);
    runChild(fds[1], path, limits);
  }
  ::close(fds[1]);
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + std::chrono::duration<double>(limits.importBudget_s);
  std::string answer;
  bool timedOut = false;
  char buffer[1 << 16];
  for (;;) {
    auto left_ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left_ms <= 0) {
      timedOut = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = ::poll(&p, 1, int(std::min<long long>(left_ms, 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the child is done (or gone)
    answer.append(buffer, size_t(n));
  }
  ::close(fds[0]);
  if (timedOut) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  char budget[32];
  std::snprintf(budget, sizeof budget, "%g", limits.importBudget_s);
  if (timedOut) {
    error = path + ": importing it took longer than " + std::string(budget) +
            " s: refused (a broken file, or one declaring more than it holds)";
    return false;
  }
  if (WIFSIGNALED(status)) {
    error = path + ": not a readable mesh (the importer failed on it: signal " + std::to_string(WTERMSIG(status)) +
            (WTERMSIG(status) == SIGKILL || WTERMSIG(status) == SIGABRT ? ", out of memory?" : "") + ")";
    return false;
  }
  bool ok = false;
  SurfaceMesh out;
  std::vector<std::string> childWarnings;
  if (!decode(answer, out, error, childWarnings, ok)) {
    error = path + ": not a readable mesh (the importer ended without an answer, status " +
            std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
    return false;
  }
  warnings.insert(warnings.end(), childWarnings.begin(), childWarnings.end());
  if (ok) mesh = std::move(out);
  return ok;
}

}  // namespace ns::scene
