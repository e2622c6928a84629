#pragma once
// What the runner reports about each step, for a program that shows progress its own way
// (the library's progress callback). The CLI draws the same moments as text (runner.cpp).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace migratecpp::migrate {

struct StepProgress {
  enum class Phase { started, finished, skipped, failed };
  Phase phase = Phase::started;
  std::string revision; // "" for a stamp step
  std::string message;  // the revision's message
  bool upgrade = true;
  std::size_t index = 0; // 1-based
  std::size_t total = 0;
  std::int64_t elapsed_ms = 0; // since the step started; 0 when started
};

using StepObserver = std::function<void(const StepProgress&)>;

} // namespace migratecpp::migrate
