// needlesim: everything lives in engine/runtime so tests can drive the same code.
#include "runtime/app.h"

int main(int argc, char** argv) { return ns::runtime::runNeedleSim(argc, argv); }
