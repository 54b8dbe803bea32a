// needlesim: everything lives in engine/runtime so tests can drive the same code.
#include <malloc.h>

#include "runtime/app.h"

int main(int argc, char** argv) {
  // Blocks of 256 kB and more are mapped for themselves and unmapped when freed. By
  // default glibc raises that threshold to the size of the largest block freed (up to
  // 32 MB), after which the driver's ~1 MB blocks come from its thread's arena and,
  // fragmented, grow it by 1 MB every ~30 000 frames for good (TESTING.md, the soak).
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  // Fixing it also fixes the trim threshold at glibc's 128 kB, which gave back and
  // faulted in again the heap's top every frame (3x the page faults of a face frame):
  // keep up to 32 MB free there, as glibc's moving default would.
  mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
  return ns::runtime::runNeedleSim(argc, argv);
}
