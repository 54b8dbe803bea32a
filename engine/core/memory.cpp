#include "core/memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ns::core {

void returnFreeMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace ns::core
