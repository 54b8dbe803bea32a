// Diffusion throughput: the GPU kernels (timed by GPU timestamps), the C++ twin
// (threaded), and a STREAM-style triad in the same run, so every number can be read
// as a fraction of this machine's memory bandwidth.
//
//   build/bench/diffusion_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// Counters: Gcell/s = cell updates per second (one explicit step or one LOD step
// updates every cell once); GB/s = the minimum traffic of that work (explicit: read
// u, G, K, write u = 16 B per cell (the CPU twin reads precomputed faces instead of G:
// 24 B); LOD: 3 sweeps × (read u, G, K, write u, write
// and read the scratch) ≈ 72 B per cell) over its time.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include "sim/diffusion_cpu.h"
#include "sim/diffusion_gpu.h"
#include "vk/commands.h"
#include "vk/timestamps.h"

using namespace ns;

namespace {

vk::Context g_ctx;
constexpr int kStepsPerIteration = 10;
constexpr double kExplicitBytesPerCell = 16, kLodBytesPerCell = 72;

struct Problem {
  sim::GridShape shape;
  sim::TissueFields fields;
  std::vector<float> activity;
  double dt;
};

Problem makeProblem(int nx, int ny, int nz) {
  Problem p;
  p.shape = {nx, ny, nz, 62.5, 62.5, 15.6};
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> value(0.0f, 1.0f);
  p.fields.conductance.resize(p.shape.cellCount());
  p.fields.capacity.assign(p.shape.cellCount(), 1.0f);
  p.activity.resize(p.shape.cellCount());
  for (size_t i = 0; i < p.activity.size(); ++i) {
    p.activity[i] = value(rng);
    p.fields.conductance[i] = (i % 17 == 0) ? 300.0f : 10.0f;
  }
  p.dt = 0.5 * sim::explicitStableDt(p.shape, {true, 1.0, false}, p.fields);
  return p;
}

void setCounters(benchmark::State& state, const sim::GridShape& s, double bytesPerCell) {
  double updates = double(s.cellCount()) * kStepsPerIteration;
  state.counters["Gcell/s"] = benchmark::Counter(updates * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["GB/s"] = benchmark::Counter(updates * bytesPerCell * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void gpuBenchmark(benchmark::State& state, int nx, int ny, int nz, bool lod) {
  Problem p = makeProblem(nx, ny, nz);
  sim::DiffusionGpu gpu = sim::createDiffusionGpu(g_ctx, VK_NULL_HANDLE, p.shape);
  sim::uploadTissue(g_ctx, gpu, p.fields);
  sim::uploadActivity(g_ctx, gpu, p.activity);
  vk::GpuTimer timer = vk::createGpuTimer(g_ctx);  // one slot of two stamps: before and after the steps
  sim::BoundaryConditions bc{true, 1.0, false};
  auto record = [&](VkCommandBuffer cmd, int steps) {
    if (lod)
      sim::recordLodSteps(g_ctx, cmd, gpu, steps, 20 * p.dt, bc);
    else
      sim::recordExplicitSteps(g_ctx, cmd, gpu, steps, p.dt, bc);
  };
  vk::submitAndWait(g_ctx, [&](VkCommandBuffer cmd) { record(cmd, 3); });  // warm-up: lazy compilation
  for (auto _ : state) {
    vk::submitAndWait(g_ctx, [&](VkCommandBuffer cmd) {
      vk::resetTimerSlot(g_ctx, cmd, timer, 0);
      vk::recordStamp(g_ctx, cmd, timer, 0, 0);
      record(cmd, kStepsPerIteration);
      vk::recordStamp(g_ctx, cmd, timer, 0, 1);
    });
    std::vector<double> ms = vk::readTimerIntervals_ms(g_ctx, timer, 0);  // empty without timestamps
    state.SetIterationTime(ms.empty() ? 0.0 : ms[0] * 1e-3);
  }
  setCounters(state, p.shape, lod ? kLodBytesPerCell : kExplicitBytesPerCell);
  vk::destroyGpuTimer(g_ctx, timer);
  sim::destroyDiffusionGpu(g_ctx, gpu);
}

void cpuBenchmark(benchmark::State& state, int nx, int ny, int nz, bool lod) {
  Problem p = makeProblem(nx, ny, nz);
  int threads = int(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<float> next(p.activity.size());
  sim::BoundaryConditions bc{true, 1.0, false};
  sim::FaceConductances faces = sim::faceConductances(p.shape, p.fields);  // once per tissue, as the solver does
  for (auto _ : state) {
    for (int i = 0; i < kStepsPerIteration; ++i) {
      if (lod) {
        sim::lodStepCpu(p.shape, bc, 20 * p.dt, p.activity, p.fields, threads);
      } else {
        sim::explicitStepCpu(p.shape, bc, p.dt, p.activity.data(), p.fields, faces, next.data(), threads);
        p.activity.swap(next);
      }
    }
    benchmark::DoNotOptimize(p.activity.data());
  }
  setCounters(state, p.shape, lod ? kLodBytesPerCell : kExplicitBytesPerCell);
}

// STREAM triad a = b + s·c over arrays far larger than the caches, all cores.
void memoryTriad(benchmark::State& state) {
  const size_t n = size_t(1) << 25;  // 32 M doubles = 256 MiB per array
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  int threads = int(std::max(1u, std::thread::hardware_concurrency()));
  for (auto _ : state) {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([&, t] {
        size_t begin = n * t / threads, end = n * (t + 1) / threads;
        for (size_t i = begin; i < end; ++i) a[i] = b[i] + 3.0 * c[i];
      });
    for (auto& w : workers) w.join();
    benchmark::DoNotOptimize(a.data());
  }
  state.counters["GB/s"] = benchmark::Counter(double(n) * 24 * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string error;
  vk::ContextOptions options;  // no validation: it would dominate the timings
  if (!vk::createContext(options, g_ctx, error)) {
    std::fprintf(stderr, "diffusion_bench: %s\n", error.c_str());
    return 1;
  }
  std::fprintf(stderr, "device: %s (%s)\n", g_ctx.deviceName.c_str(), g_ctx.deviceType.c_str());
  benchmark::RegisterBenchmark("memory/triad", memoryTriad)->Unit(benchmark::kMillisecond)->UseRealTime();
  struct Size {
    const char* name;
    int nx, ny, nz;
  } sizes[] = {{"64x64x64", 64, 64, 64}, {"128x128x64", 128, 128, 64}, {"64x64x128", 64, 64, 128}};  // (the last: the default scene's grid)
  for (auto& s : sizes) {
    for (bool lod : {false, true}) {
      std::string scheme = lod ? "lod" : "explicit";
      benchmark::RegisterBenchmark(("gpu/" + scheme + "/" + s.name).c_str(),
                                   [=](benchmark::State& st) { gpuBenchmark(st, s.nx, s.ny, s.nz, lod); })
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("cpu_twin/" + scheme + "/" + s.name).c_str(),
                                   [=](benchmark::State& st) { cpuBenchmark(st, s.nx, s.ny, s.nz, lod); })
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  vk::destroyContext(g_ctx);
  return 0;
}
