#pragma once
// The migratecpp library: migrate a database from a program (README.md, "Using it as a
// library").
#include "migratecpp/error.h"
#include "migratecpp/progress.h"
#include "migratecpp/project.h"
#include "migratecpp/revision.h"
#include "migratecpp/version.h"
