#include "core/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <unistd.h>

namespace ns::core {

bool writeFileAtomic(const std::string& path, const void* data, size_t size, std::string& error) {
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* file = std::fopen(temp.c_str(), "wb");
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

bool writeTextAtomic(const std::string& path, const std::string& text, std::string& error) {
  return writeFileAtomic(path, text.data(), text.size(), error);
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
