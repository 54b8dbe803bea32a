#pragma once
// Files and folders that hold a trainee's records (the local store, the outbox, the
// session files): readable by their owner only, whatever the umask (issue 31). Files
// are written whole or not at all, as core::writeTextAtomic does.
#include <string>

namespace ns::core {

// writeTextAtomic, the file created with mode 0600 (its temp name too, so the data
// is never readable by others, not even for a moment).
bool writePrivateTextAtomic(const std::string& path, const std::string& text, std::string& error);
// Creates `path` and any missing parents; the folders it creates get mode 0700 (an
// existing folder is left as it is: it is the user's). False with a reason if it
// cannot.
bool createPrivateFolders(const std::string& path, std::string& error);
// An existing file made 0600 (a store created by an older version); true if it
// does not exist.
bool makeFilePrivate(const std::string& path, std::string& error);

}  // namespace ns::core
