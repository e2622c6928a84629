#pragma once
// MIGRATECPP_API marks what libmigratecpp exports: the library is built with hidden
// visibility, so everything else in it (the engine, the database clients' wrappers) stays
// private to it.
#if defined(_WIN32)
#define MIGRATECPP_API
#else
#define MIGRATECPP_API __attribute__((visibility("default")))
#endif
