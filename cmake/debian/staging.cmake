# Run by CPack (CPACK_PRE_BUILD_SCRIPTS, cmake/packaging.cmake) on the staging tree after the
# install rules ran and before the .deb is made: what Debian policy asks of a package and
# `cmake --install` has no reason to do.
set(usr "${CPACK_TEMPORARY_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}")

# Man pages gzipped at the highest level, without a name or time stamp in the header (-n), so
# that the same sources make the same package.
file(GLOB_RECURSE pages "${usr}/share/man/*.[1-9]")
foreach(page IN LISTS pages)
  execute_process(COMMAND gzip -9nf "${page}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${page} failed: ${rc}")
  endif()
endforeach()

# /usr/share/doc/migratecpp: the copyright file, and the changelog a native package carries.
set(doc "${usr}/share/doc/${CPACK_PACKAGE_NAME}")
file(MAKE_DIRECTORY "${doc}")
file(COPY_FILE "${CPACK_MIGRATECPP_DEBIAN_DIR}/copyright" "${doc}/copyright")
# The date honours SOURCE_DATE_EPOCH, for reproducible builds.
string(TIMESTAMP date "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE "${doc}/changelog"
  "${CPACK_PACKAGE_NAME} (${CPACK_PACKAGE_VERSION}) unstable; urgency=medium\n\n"
  "  * Built by CPack from the migratecpp ${CPACK_PACKAGE_VERSION} sources.\n\n"
  " -- ${CPACK_DEBIAN_PACKAGE_MAINTAINER}  ${date}\n")
execute_process(COMMAND gzip -9nf "${doc}/changelog" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip changelog failed: ${rc}")
endif()
# The files CPack copies keep the source tree's modes; a package wants 0644 and 0755.
file(CHMOD "${doc}" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
     GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
file(CHMOD "${doc}/copyright" "${doc}/changelog.gz" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ
     WORLD_READ)
