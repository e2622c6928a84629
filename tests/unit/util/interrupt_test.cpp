#include "util/interrupt.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>

using namespace migratecpp;

namespace {

void count(void* context) noexcept {
  static_cast<std::atomic<int>*>(context)->fetch_add(1);
}

} // namespace

// Several connections open at once (many databases on threads): one signal cancels every one
// still registered, none that was unregistered. The signal stays recorded for this process,
// which is why this is the only test here that raises one.
TEST_CASE("interrupt: a signal cancels every registered connection", "[interrupt]") {
  util::install_interrupt_handlers();
  std::atomic<int> a{0};
  std::atomic<int> b{0};
  std::atomic<int> gone{0};
  const util::Canceller ca{&count, &a};
  const util::Canceller cb{&count, &b};
  const util::Canceller cgone{&count, &gone};
  util::register_canceller(&ca);
  util::register_canceller(&cgone);
  util::register_canceller(&cb);
  util::unregister_canceller(&cgone);
  REQUIRE(util::interrupted_signal() == 0);
  std::raise(SIGINT);
  CHECK(util::interrupted_signal() == SIGINT);
  CHECK(a.load() == 1);
  CHECK(b.load() == 1);
  CHECK(gone.load() == 0);
  CHECK(util::interrupted_exit_code() == 130);
  util::unregister_canceller(&ca);
  util::unregister_canceller(&cb);
}
