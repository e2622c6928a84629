#pragma once
// Every failure of the library is a migratecpp::Error: its what() is exactly the message the
// command line prints after "migratecpp: error: ", and exit_code() the status it exits with.
#include "migratecpp/export.h"

#include <stdexcept>
#include <string>

namespace migratecpp {

class MIGRATECPP_API Error : public std::runtime_error {
public:
  Error(const std::string& message, int exit_code);
  // 1: the operation failed (bad file, database error, refused); 2: a bad argument (what the
  // command line calls a usage error).
  int exit_code() const noexcept { return m_exit_code; }

private:
  int m_exit_code;
};

} // namespace migratecpp
