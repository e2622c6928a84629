#include "util/interrupt.h"

#include "util/error.h"

#include <atomic>
#include <csignal>
#include <string>
#include <thread>

namespace migratecpp::util {

namespace {

std::atomic<int> g_signal{0};
// Every open connection's canceller: several at once when one process migrates many databases
// on threads (migrate/multi_target.h). A fixed array of lock-free slots, so that the handler
// reads it without a lock; more connections than slots stay uncancellable (never reached:
// --jobs is bounded well below it).
constexpr std::size_t k_slots = 256;
std::atomic<const Canceller*> g_cancellers[k_slots];
// Handlers running now: unregistering waits for them, so that a connection being closed on
// one thread is never cancelled through a freed canceller by a handler on another.
std::atomic<int> g_in_handler{0};

static_assert(std::atomic<int>::is_always_lock_free, "the handler needs lock-free atomics");
static_assert(std::atomic<const Canceller*>::is_always_lock_free,
              "the handler needs lock-free atomics");

extern "C" void on_signal(int signo) {
  g_in_handler.fetch_add(1);
  bool any = false;
  for (const auto& slot : g_cancellers) {
    any = any || slot.load() != nullptr;
  }
  int expected = 0;
  if (!any || !g_signal.compare_exchange_strong(expected, signo)) {
    // Nothing to cancel, or asked twice: die of the signal as if no handler were installed.
    g_in_handler.fetch_sub(1);
    std::signal(signo, SIG_DFL);
    std::raise(signo);
    return;
  }
  for (const auto& slot : g_cancellers) {
    if (const Canceller* c = slot.load()) {
      c->cancel(c->context);
    }
  }
  g_in_handler.fetch_sub(1);
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
  for (auto& slot : g_cancellers) {
    const Canceller* expected = nullptr;
    if (slot.compare_exchange_strong(expected, canceller)) {
      return;
    }
  }
}

void unregister_canceller(const Canceller* canceller) noexcept {
  for (auto& slot : g_cancellers) {
    const Canceller* expected = canceller;
    if (slot.compare_exchange_strong(expected, nullptr)) {
      break;
    }
  }
  // A handler on another thread may have read the slot just before: let it finish with it.
  // (On this thread a handler runs to its end before this code resumes, so this cannot wait
  // on itself.)
  while (g_in_handler.load() != 0) {
    std::this_thread::yield();
  }
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
