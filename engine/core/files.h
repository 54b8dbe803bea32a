#pragma once
// File helpers that never leave half-written output: write to a temporary name in
// the same folder, then rename over the target (atomic on POSIX filesystems).
#include <cstddef>
#include <string>
#include <vector>

namespace ns::core {

bool writeFileAtomic(const std::string& path, const void* data, size_t size, std::string& error);
bool writeTextAtomic(const std::string& path, const std::string& text, std::string& error);
bool readFile(const std::string& path, std::vector<char>& bytes, std::string& error);
bool readText(const std::string& path, std::string& text, std::string& error);

}  // namespace ns::core
