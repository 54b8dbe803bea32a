#include "core/files.h"
#include "core/private_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ns::core {

namespace {

// Opens a new temp file with `mode` (before the umask) for writing.
std::FILE* createFile(const std::string& temp, mode_t mode) {
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return nullptr;
  if ((mode & 077) == 0) ::fchmod(fd, mode);  // private: exactly that, even if the temp name existed
  std::FILE* file = ::fdopen(fd, "wb");
  if (!file) ::close(fd);
  return file;
}

bool writeAtomic(const std::string& path, const void* data, size_t size, std::string& error, mode_t mode) {
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* file = createFile(temp, mode);
  if (!file) {
    error = path + ": cannot write: " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(data, 1, size, file) == size;
  ok = (std::fflush(file) == 0) && ok;
  ok = (::fsync(::fileno(file)) == 0) && ok;
  ok = (std::fclose(file) == 0) && ok;
  if (!ok) {
    error = path + ": write failed: " + std::strerror(errno);
    std::remove(temp.c_str());
    return false;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    error = path + ": cannot replace: " + std::strerror(errno);
    std::remove(temp.c_str());
    return false;
  }
  // The rename itself reaches the disk with its folder (power cuts; kill -9 never
  // sees a half file either way: the name moves only once the data is complete).
  std::string folder = std::filesystem::path(path).parent_path().string();
  int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

}  // namespace

bool writeFileAtomic(const std::string& path, const void* data, size_t size, std::string& error) {
  return writeAtomic(path, data, size, error, 0666);
}

bool writeTextAtomic(const std::string& path, const std::string& text, std::string& error) {
  return writeFileAtomic(path, text.data(), text.size(), error);
}

bool writePrivateTextAtomic(const std::string& path, const std::string& text, std::string& error) {
  return writeAtomic(path, text.data(), text.size(), error, 0600);
}

bool createPrivateFolders(const std::string& path, std::string& error) {
  std::filesystem::path folder(path);
  std::vector<std::filesystem::path> missing;  // from the deepest up
  std::error_code ec;
  for (std::filesystem::path p = folder; !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it)
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
      error = it->string() + ": cannot create: " + std::strerror(errno);
      return false;
    }
  if (!std::filesystem::is_directory(folder, ec)) {
    error = path + ": not a folder";
    return false;
  }
  return true;
}

bool makeFilePrivate(const std::string& path, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return true;
  if ((st.st_mode & 077) == 0) return true;
  if (::chmod(path.c_str(), st.st_mode & 0700) != 0) {
    error = path + ": cannot make private (chmod 600): " + std::strerror(errno);
    return false;
  }
  return true;
}

bool readFile(const std::string& path, std::vector<char>& bytes, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = path + ": is a directory, expected a file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

bool readText(const std::string& path, std::string& text, std::string& error) {
  std::vector<char> bytes;
  if (!readFile(path, bytes, error)) return false;
  text.assign(bytes.begin(), bytes.end());
  return true;
}

}  // namespace ns::core
