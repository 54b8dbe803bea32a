// ARCHITECTURE.md against the build.
//
// cmake/LinkEdges.cmake writes the engine's direct link edges (every ns_*
// library under engine/ and needlesim, edges to ns_* targets only) into
// generated/link_edges.txt and the libraries with their folders into
// generated/engine_libraries.txt at configure time. These tests read those
// files and ARCHITECTURE.md (at run time: editing the document needs no
// rebuild) and fail on any difference: the document's ```edges block must list
// exactly the build's edges, and the "Folders" section must describe every
// engine library's folder.

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Edge {
  std::string from, to;
  auto operator<=>(const Edge&) const = default;
};

std::string toString(const Edge& e) { return e.from + " -> " + e.to; }

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

bool isName(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

bool readLines(const std::string& path, std::vector<std::string>& lines) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return true;
}

// Parses `a -> b` (with an optional `# comment`). Returns false on anything
// else; a blank or comment-only line sets `empty`.
bool parseEdge(const std::string& raw, Edge& edge, bool& empty) {
  std::string line = raw.substr(0, raw.find('#'));
  line = trim(line);
  empty = line.empty();
  if (empty) return true;
  size_t arrow = line.find("->");
  if (arrow == std::string::npos) return false;
  edge.from = trim(line.substr(0, arrow));
  edge.to = trim(line.substr(arrow + 2));
  return isName(edge.from) && isName(edge.to);
}

// The build's edges, from generated/link_edges.txt.
struct BuildEdges {
  std::set<Edge> edges;
  std::string error;
};

BuildEdges loadBuildEdges() {
  BuildEdges out;
  std::vector<std::string> lines;
  if (!readLines(NS_LINK_EDGES_FILE, lines)) {
    out.error = std::string("cannot read ") + NS_LINK_EDGES_FILE +
                " (written by cmake/LinkEdges.cmake at configure time; reconfigure the build)";
    return out;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    Edge e;
    bool empty = false;
    if (!parseEdge(lines[i], e, empty)) {
      out.error = std::string(NS_LINK_EDGES_FILE) + ":" + std::to_string(i + 1) +
                  ": expected `ns_a -> ns_b`, got `" + lines[i] + "`";
      return out;
    }
    if (!empty) out.edges.insert(e);
  }
  return out;
}

// The document's edges: the one fenced block opened by a line "```edges".
struct DocEdges {
  std::map<Edge, size_t> edges;  // edge -> line in ARCHITECTURE.md
  std::vector<std::string> errors;
};

DocEdges loadDocEdges() {
  DocEdges out;
  const std::string doc = NS_ARCHITECTURE_DOC;
  std::vector<std::string> lines;
  if (!readLines(doc, lines)) {
    out.errors.push_back("cannot read " + doc);
    return out;
  }
  int blocks = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (trim(lines[i]) != "```edges") continue;
    ++blocks;
    size_t j = i + 1;
    for (; j < lines.size() && trim(lines[j]).rfind("```", 0) != 0; ++j) {
      Edge e;
      bool empty = false;
      const std::string where = doc + ":" + std::to_string(j + 1);
      if (!parseEdge(lines[j], e, empty)) {
        out.errors.push_back(where + ": expected `ns_a -> ns_b` (or a # comment), got `" +
                             lines[j] + "`");
      } else if (!empty) {
        auto [it, inserted] = out.edges.emplace(e, j + 1);
        if (!inserted)
          out.errors.push_back(where + ": `" + toString(e) + "` already listed on line " +
                               std::to_string(it->second));
      }
    }
    if (j == lines.size())
      out.errors.push_back(doc + ":" + std::to_string(i + 1) + ": the ```edges block is never closed");
    i = j;
  }
  if (blocks == 0)
    out.errors.push_back(doc + " has no ```edges block (one `ns_a -> ns_b` per line) in "
                               "\"## Dependency rule\"");
  if (blocks > 1)
    out.errors.push_back(doc + " has " + std::to_string(blocks) +
                         " ```edges blocks; keep exactly one");
  return out;
}

std::string joinErrors(const std::vector<std::string>& errors) {
  std::string s;
  for (const auto& e : errors) s += "\n  " + e;
  return s;
}

TEST(Architecture, BuildEdgesWereGenerated) {
  BuildEdges build = loadBuildEdges();
  ASSERT_TRUE(build.error.empty()) << build.error;
  // The engine has layers: an empty file would mean the scan found nothing.
  EXPECT_FALSE(build.edges.empty()) << NS_LINK_EDGES_FILE << " lists no edge";
  bool appLinksEngine = false;
  for (const Edge& e : build.edges) appLinksEngine |= e.from == "needlesim";
  EXPECT_TRUE(appLinksEngine) << NS_LINK_EDGES_FILE << " has no `needlesim -> ns_*` edge";
}

TEST(Architecture, EdgesBlockIsWellFormed) {
  DocEdges doc = loadDocEdges();
  EXPECT_TRUE(doc.errors.empty()) << joinErrors(doc.errors);
}

TEST(Architecture, EveryBuildEdgeIsDocumented) {
  BuildEdges build = loadBuildEdges();
  ASSERT_TRUE(build.error.empty()) << build.error;
  DocEdges doc = loadDocEdges();
  std::string missing;
  for (const Edge& e : build.edges)
    if (!doc.edges.count(e)) missing += "\n  " + toString(e);
  EXPECT_TRUE(missing.empty())
      << "The build links these targets but the ```edges block of " << NS_ARCHITECTURE_DOC
      << " does not list them (document them, with the drawing, or remove the "
         "target_link_libraries entry):"
      << missing;
}

TEST(Architecture, EveryDocumentedEdgeIsInTheBuild) {
  BuildEdges build = loadBuildEdges();
  ASSERT_TRUE(build.error.empty()) << build.error;
  DocEdges doc = loadDocEdges();
  std::string stale;
  for (const auto& [e, line] : doc.edges)
    if (!build.edges.count(e))
      stale += "\n  " + toString(e) + "   (" + NS_ARCHITECTURE_DOC + ":" + std::to_string(line) + ")";
  EXPECT_TRUE(stale.empty())
      << "The ```edges block of " << NS_ARCHITECTURE_DOC
      << " lists edges the build does not have (no such direct target_link_libraries entry; see "
      << NS_LINK_EDGES_FILE << "):" << stale;
}

TEST(Architecture, EveryEngineLibraryHasAFolderSection) {
  std::vector<std::string> libs;
  ASSERT_TRUE(readLines(NS_ENGINE_LIBRARIES_FILE, libs))
      << "cannot read " << NS_ENGINE_LIBRARIES_FILE
      << " (written by cmake/LinkEdges.cmake at configure time; reconfigure the build)";
  std::vector<std::string> doc;
  ASSERT_TRUE(readLines(NS_ARCHITECTURE_DOC, doc)) << "cannot read " << NS_ARCHITECTURE_DOC;

  // The "## Folders" section: up to the next "## " heading.
  std::string folders;
  bool inFolders = false, found = false;
  for (const auto& line : doc) {
    if (line.rfind("## ", 0) == 0) {
      inFolders = trim(line) == "## Folders";
      found |= inFolders;
      continue;
    }
    if (inFolders) folders += line + "\n";
  }
  ASSERT_TRUE(found) << NS_ARCHITECTURE_DOC << " has no \"## Folders\" section";

  std::string undocumented;
  size_t count = 0;
  for (const auto& line : libs) {
    std::istringstream in(line);
    std::string lib, folder;
    if (!(in >> lib)) continue;
    ASSERT_TRUE(in >> folder) << NS_ENGINE_LIBRARIES_FILE << ": expected `ns_x engine/x`, got `"
                              << line << "`";
    ++count;
    const std::string heading = "**`" + folder + "`**";
    if (folders.find(heading) == std::string::npos)
      undocumented += "\n  " + lib + ": " + heading;
  }
  EXPECT_GT(count, 0u) << NS_ENGINE_LIBRARIES_FILE << " lists no engine library";
  EXPECT_TRUE(undocumented.empty())
      << "The \"## Folders\" section of " << NS_ARCHITECTURE_DOC
      << " has no paragraph for these engine libraries (start one with the heading shown):"
      << undocumented;
}

}  // namespace

// "How to add a mode" (ARCHITECTURE.md) against the code: the ```feature-hooks block
// lists exactly the hooks runtime/feature.h declares, and the files the recipe
// names exist (the table among them).
TEST(Architecture, FeatureHooksAndFilesExist) {
  std::vector<std::string> doc, header;
  ASSERT_TRUE(readLines(NS_ARCHITECTURE_DOC, doc)) << "cannot read " << NS_ARCHITECTURE_DOC;
  const std::string source = NS_SOURCE_DIR;
  ASSERT_TRUE(readLines(source + "/engine/runtime/feature.h", header)) << "engine/runtime/feature.h is missing";
  std::set<std::string> documented, declared;
  bool inBlock = false;
  for (const auto& line : doc) {
    if (trim(line) == "```feature-hooks") {
      inBlock = true;
      continue;
    }
    if (inBlock && trim(line) == "```") break;
    if (!inBlock) continue;
    std::istringstream words(line);
    for (std::string w; words >> w;) documented.insert(w);
  }
  ASSERT_FALSE(documented.empty()) << NS_ARCHITECTURE_DOC << " has no ```feature-hooks block";
  for (const auto& line : header) {  // `virtual <type> <hook>(` (not the destructor, not name())
    std::string t = trim(line);
    if (t.rfind("virtual ", 0) != 0) continue;
    size_t paren = t.find('(');
    if (paren == std::string::npos) continue;
    size_t start = t.find_last_of(" *&", paren - 1);
    std::string hook = t.substr(start + 1, paren - start - 1);
    if (hook.empty() || hook[0] == '~' || hook == "name") continue;
    declared.insert(hook);
  }
  std::string missing, stale;
  for (const auto& h : declared)
    if (!documented.count(h)) missing += " " + h;
  for (const auto& h : documented)
    if (!declared.count(h)) stale += " " + h;
  EXPECT_TRUE(missing.empty()) << "hooks of engine/runtime/feature.h the ```feature-hooks block does not list:" << missing;
  EXPECT_TRUE(stale.empty()) << "hooks the ```feature-hooks block lists that engine/runtime/feature.h lacks:" << stale;
  for (const char* file : {"/engine/runtime/modes.cpp", "/engine/runtime/modes.h", "/engine/runtime/live_run.h",
                           "/tests/runtime/live_run_test.cpp"}) {
    std::vector<std::string> lines;
    EXPECT_TRUE(readLines(source + file, lines)) << "ARCHITECTURE.md names " << file << ", which is missing";
  }
  std::vector<std::string> modes;
  ASSERT_TRUE(readLines(source + "/engine/runtime/modes.cpp", modes));
  bool table = false;
  for (const auto& line : modes) table |= line.find("featureTable()") != std::string::npos;
  EXPECT_TRUE(table) << "engine/runtime/modes.cpp has no featureTable(): the recipe's table";
}

// The frame loop, the panels and the shortcuts ask no feature's name: with comments,
// string literals and #include lines taken out, no word of theirs names a way of
// running (the features are called through their hooks, runtime/feature.h).
TEST(Architecture, TheFrameLoopPanelsAndShortcutsNameNoMode) {
  const std::string source = NS_SOURCE_DIR;
  const std::vector<std::string> modes = {"kiosk", "lesson", "educator", "review", "ghost", "split", "compare", "presenter"};
  for (const char* file : {"/engine/runtime/frame_loop.cpp", "/engine/runtime/panels.cpp", "/engine/runtime/shortcuts.cpp"}) {
    std::vector<std::string> lines;
    ASSERT_TRUE(readLines(source + file, lines)) << file;
    for (size_t n = 0; n < lines.size(); ++n) {
      std::string code;
      bool quoted = false;
      const std::string& line = lines[n];
      if (trim(line).rfind("#", 0) == 0) continue;
      for (size_t i = 0; i < line.size(); ++i) {
        if (!quoted && line.compare(i, 2, "//") == 0) break;
        if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) quoted = !quoted;
        else if (!quoted) code += char(std::tolower(static_cast<unsigned char>(line[i])));
      }
      for (const std::string& mode : modes)
        EXPECT_EQ(code.find(mode), std::string::npos) << file << ":" << n + 1 << " names '" << mode << "': " << line;
    }
  }
}
