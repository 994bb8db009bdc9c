# Install-time script (install(SCRIPT) from OffsiteInstall.cmake): copies the LibTorch libraries the executables
# need into <prefix>/lib/offsite-studio and points the installed executables there with a relative RUNPATH.
# Inputs (set by install(CODE) just before): OFFSITE_BUNDLE_EXECUTABLES (build-tree paths), OFFSITE_BUNDLE_INSTALLED
# (their file names), OFFSITE_BUNDLE_EXTRA (libraries loaded with dlopen), OFFSITE_BUNDLE_FROM (the site-packages
# folder holding torch/ and nvidia/), OFFSITE_BUNDLE_BINDIR, OFFSITE_BUNDLE_LIBDIR.
string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" _from_regex "${OFFSITE_BUNDLE_FROM}")
file(GET_RUNTIME_DEPENDENCIES
  EXECUTABLES ${OFFSITE_BUNDLE_EXECUTABLES}
  LIBRARIES ${OFFSITE_BUNDLE_EXTRA}
  RESOLVED_DEPENDENCIES_VAR _resolved
  UNRESOLVED_DEPENDENCIES_VAR _unresolved
  # glibc, libgcc and libstdc++ are the system's (LibTorch must bind to the system libstdc++: OffsiteTorch.cmake).
  PRE_EXCLUDE_REGEXES "^ld-linux" "^lib(c|m|dl|rt|pthread|util|gcc_s|stdc\\+\\+)\\.so"
  POST_INCLUDE_REGEXES "^${_from_regex}/"
  POST_EXCLUDE_REGEXES ".*")
if(_unresolved)
  message(FATAL_ERROR "These libraries that the executables need were not found: ${_unresolved}. "
                      "Run scripts/setup.sh (it installs the Debian packages and the torch wheel) and build again.")
endif()
set(_libs ${_resolved} ${OFFSITE_BUNDLE_EXTRA})
list(REMOVE_DUPLICATES _libs)
list(SORT _libs)
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/${OFFSITE_BUNDLE_LIBDIR}" TYPE SHARED_LIBRARY
     FOLLOW_SYMLINK_CHAIN FILES ${_libs})

# The wheel's libraries look for each other in ../../nvidia/*/lib and $ORIGIN; flat in one folder, $ORIGIN is all
# they need (and no path outside our folder is searched).
set(_root "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
foreach(_lib IN LISTS _libs)
  get_filename_component(_name "${_lib}" NAME)
  set(_installed "${_root}/${OFFSITE_BUNDLE_LIBDIR}/${_name}")
  unset(_runpath)
  unset(_rpath)
  unset(_err)
  file(READ_ELF "${_installed}" RUNPATH _runpath RPATH _rpath CAPTURE_ERROR _err)
  if(_runpath OR _rpath)
    file(RPATH_SET FILE "${_installed}" NEW_RPATH "$ORIGIN")
  endif()
endforeach()
# The executables that link LibTorch carry its build-tree path (OffsiteTorch.cmake); it becomes the relative one.
# An executable without a run path links no LibTorch and needs none.
foreach(_exe IN LISTS OFFSITE_BUNDLE_INSTALLED)
  set(_installed "${_root}/${OFFSITE_BUNDLE_BINDIR}/${_exe}")
  unset(_runpath)
  unset(_rpath)
  unset(_err)
  file(READ_ELF "${_installed}" RUNPATH _runpath RPATH _rpath CAPTURE_ERROR _err)
  if(_err)
    message(FATAL_ERROR "Cannot read ${_installed} as an ELF file: ${_err}")
  endif()
  if(_runpath OR _rpath)
    file(RPATH_SET FILE "${_installed}" NEW_RPATH "$ORIGIN/../${OFFSITE_BUNDLE_LIBDIR}")
  endif()
endforeach()
