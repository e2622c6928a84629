#pragma once
// Who this process is, in words another process can act on: written where a lock's holder is
// looked up (the SQLite lock file, PostgreSQL's application_name), so that a deployer waiting
// for the migration lock is told which process on which machine holds it.
#include <string>

namespace migratecpp::util {

// "pid 4242 on web-1" (the host name as gethostname(2) gives it; "pid 4242" without one).
std::string this_process();

} // namespace migratecpp::util
