# Compiler settings shared by every target, applied through an interface target rather than global flags.
# ccache lives outside the checkout so every clone (and CI) shares it.
find_program(OFFSITE_CCACHE ccache)
if(OFFSITE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  if(DEFINED ENV{OFFSITE_CACHE})
    set(_offsite_cache "$ENV{OFFSITE_CACHE}")
  else()
    set(_offsite_cache "$ENV{HOME}/.cache/offsite-studio")
  endif()
  # Precompiled headers need these sloppiness settings for ccache to hit.
  # BASEDIR + NOHASHDIR make hits independent of where the checkout lives (CI builds a fresh clone elsewhere).
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_DIR=${_offsite_cache}/ccache CCACHE_MAXSIZE=8G
      CCACHE_BASEDIR=${CMAKE_SOURCE_DIR} CCACHE_NOHASHDIR=true
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime ${OFFSITE_CCACHE})
endif()

add_library(offsite_warnings INTERFACE)
target_compile_options(offsite_warnings INTERFACE -Wall -Wextra -Wnon-virtual-dtor -Wno-missing-field-initializers
                       $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>)
if(OFFSITE_WARNINGS_AS_ERRORS)
  target_compile_options(offsite_warnings INTERFACE -Werror)
endif()

if(OFFSITE_BUILD_FUZZ)
  # Instrument every library for coverage, so libFuzzer is guided by the parsers, not only the harness.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(OFFSITE_SANITIZE)
  add_compile_options(-fsanitize=${OFFSITE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${OFFSITE_SANITIZE})
endif()
