#include "util/interrupt.h"

#include "util/error.h"

#include <atomic>
#include <csignal>
#include <string>

namespace migratecpp::util {

namespace {

std::atomic<int> g_signal{0};
std::atomic<const Canceller*> g_canceller{nullptr};

static_assert(std::atomic<int>::is_always_lock_free, "the handler needs lock-free atomics");
static_assert(std::atomic<const Canceller*>::is_always_lock_free,
              "the handler needs lock-free atomics");

extern "C" void on_signal(int signo) {
  const Canceller* c = g_canceller.load();
  int expected = 0;
  if (c == nullptr || !g_signal.compare_exchange_strong(expected, signo)) {
    // Nothing to cancel, or asked twice: die of the signal as if no handler were installed.
    std::signal(signo, SIG_DFL);
    std::raise(signo);
    return;
  }
  c->cancel(c->context);
}

} // namespace

void install_interrupt_handlers() {
  struct sigaction action = {};
  action.sa_handler = &on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void register_canceller(const Canceller* canceller) noexcept {
  g_canceller.store(canceller);
}

void unregister_canceller(const Canceller* canceller) noexcept {
  const Canceller* expected = canceller;
  g_canceller.compare_exchange_strong(expected, nullptr);
}

int interrupted_signal() noexcept {
  return g_signal.load();
}

std::string interrupted_message() {
  return std::string("interrupted by ") + (interrupted_signal() == SIGINT ? "SIGINT" : "SIGTERM");
}

void throw_if_interrupted() {
  if (interrupted_signal() != 0) {
    throw Error(interrupted_message());
  }
}

int interrupted_exit_code() noexcept {
  return 128 + interrupted_signal();
}

} // namespace migratecpp::util
