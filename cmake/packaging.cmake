# The Debian package: `cpack -G DEB` in the build directory writes
# packages/migratecpp_<version>_<arch>.deb from whatever the install() rules install (the binary,
# and the library, headers and CMake package when the project has them; the man pages and
# completions that the installed binary writes at install time), under /usr.
#
# Its Depends line is not written by hand: dpkg-shlibdeps reads the ELF files' NEEDED entries
# and the shlibs/symbols files of the system's libraries (libpq5, libmariadb3, libsqlite3-0,
# libnettle8, libstdc++6, libc6, ...), so it says exactly what this build links, with the minimum
# versions the symbols used require. scripts/test-deb.sh proves it: the .deb installs with apt
# on a fresh Debian 12 root and runs the quickstart there.

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "migratecpp")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "migratecpp")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "schema migrations for SQLite, PostgreSQL and MySQL/MariaDB")
# The extended description: CPack indents each line for the control file (an empty line would
# need " ."; there is none).
set(CPACK_PACKAGE_DESCRIPTION
    "migratecpp brings Alembic's workflow (init, revision --autogenerate, upgrade,
downgrade, branches and merges) to one native binary. Revisions are reviewable
TOML files of dialect-neutral operations, and the desired schema lives in TOML
model files; check reports drift between the models and a live database.")
set(MIGRATECPP_DEB_MAINTAINER "migratecpp developers <migratecpp@example.org>"
    CACHE STRING "Maintainer field of the Debian package (Name <address>)")
set(MIGRATECPP_HOMEPAGE "" CACHE STRING "Homepage field of the Debian package (empty: none)")
set(CPACK_PACKAGE_CONTACT "${MIGRATECPP_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MIGRATECPP_DEB_MAINTAINER}")
if(MIGRATECPP_HOMEPAGE)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${MIGRATECPP_HOMEPAGE}")
endif()
set(CPACK_DEBIAN_PACKAGE_SECTION "database")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# migratecpp_<version>_<arch>.deb, the name Debian's tools expect.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
# The package installs under /usr, whatever CMAKE_INSTALL_PREFIX the build was configured with.
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libpq and libmariadb are opened at run time (dialects/client_library.h), so no NEEDED entry
# names them and dpkg-shlibdeps cannot see them: they are listed here, and CPack appends what
# dpkg-shlibdeps computes. Depends, not Recommends: `apt install migratecpp` must give a tool
# that reaches PostgreSQL and MariaDB, as the linked binary did.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpq5, libmariadb3")
# A shared library of our own (libmigratecpp.so.N) gets a shlibs file and the ldconfig trigger.
# dpkg-shlibdeps finds it in the staging tree itself (CPack marks that tree as the package being
# built), so it resolves the binary's NEEDED entry without a private search path, and a library
# of the package adds no dependency to it (checked with a shared library linking SQLite: the
# Depends line came out as libc6, libsqlite3-0).
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
# Such a package also declares the ldconfig trigger (Debian policy 8.1.1); CPack adds its own
# ldconfig call to postinst and postrm besides, which is redundant but harmless.
function(migratecpp_has_shared_library dir out)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "SHARED_LIBRARY")
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    migratecpp_has_shared_library("${subdir}" found)
    if(found)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} FALSE PARENT_SCOPE)
endfunction()
migratecpp_has_shared_library("${PROJECT_SOURCE_DIR}" migratecpp_shared)
if(migratecpp_shared)
  set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/cmake/debian/triggers")
endif()

# What a Debian package has and `cmake --install` does not: the man pages gzipped,
# /usr/share/doc/migratecpp/copyright and changelog.gz (cmake/debian/staging.cmake, run on
# CPack's staging directory before the package is made).
set(CPACK_MIGRATECPP_DEBIAN_DIR "${PROJECT_SOURCE_DIR}/cmake/debian")
set(CPACK_PRE_BUILD_SCRIPTS "${CPACK_MIGRATECPP_DEBIAN_DIR}/staging.cmake")

include(CPack)
