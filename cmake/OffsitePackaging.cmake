# CPack: the Debian package (+ a -dbgsym package) on Linux and the NSIS installer on Windows, both from the
# install tree of cmake/OffsiteInstall.cmake. Build with scripts/package-deb.sh (a fresh `release` preset build),
# or by hand: cmake --preset release && cmake --build --preset release && cpack --config build/release/CPackConfig.cmake
set(CPACK_PACKAGE_NAME "offsite-studio")
set(CPACK_PACKAGE_VENDOR "Offsite Studio")
set(CPACK_PACKAGE_CONTACT "Offsite Studio <dev@offsite.studio>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Fine-tune a model you do not own on data you do not share, offline")
# Debian wants extended-description lines under 80 columns.
set(CPACK_PACKAGE_DESCRIPTION
    "Offsite Studio implements Offsite-Tuning: the model owner keeps the full
model and ships a signed package holding a small trainable adapter and a
frozen, lossy emulator; the data owner fine-tunes the adapter on local data,
offline, and returns only the tuned adapter, encrypted to the owner.
This package holds the desktop app (offsite-studio) and the command line
(offsite), with a private copy of the LibTorch libraries they need.
Nothing in it uses the network.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://offsite.studio/")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Offsite Studio")
set(CPACK_PACKAGE_EXECUTABLES "offsite-studio" "Offsite Studio")
set(CPACK_OUTPUT_FILE_PREFIX "${PROJECT_BINARY_DIR}/packages")
set(CPACK_THREADS 0)

if(UNIX AND NOT APPLE)
  set(CPACK_GENERATOR "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_NAME "${OFFSITE_PACKAGE_NAME}")
  set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
  set(CPACK_DEBIAN_PACKAGE_SECTION "science")
  set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
  # xz is what Debian's tools expect (lintian refuses data.tar.zst); the CUDA flavour holds ~5 GB of libraries that
  # xz compresses at a few MB/s, so it uses zstd, which Debian 12's dpkg and apt read (tested in a clean root).
  if(OFFSITE_PACKAGE_NAME STREQUAL "offsite-studio" AND OFFSITE_TORCH_HAS_CUDA)
    set(_compression "zstd")
  else()
    set(_compression "xz")
  endif()
  set(OFFSITE_DEB_COMPRESSION "${_compression}" CACHE STRING "Compression of the .deb payload: xz, zstd or gzip")
  set(CPACK_DEBIAN_COMPRESSION_TYPE "${OFFSITE_DEB_COMPRESSION}")
  # Depends from the ELF files (Qt 6, libsodium, SQLite, PCRE2, glibc, ...), computed by dpkg-shlibdeps; our own
  # copy of LibTorch in usr/lib/offsite-studio is searched there and adds no dependency.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "usr/${OFFSITE_PRIVATE_LIBDIR}")
  # Loaded at run time, so invisible to dpkg-shlibdeps: the SVG icon engine and Qt's own translations.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-translations-l10n, hicolor-icon-theme")
  set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
  if(OFFSITE_PACKAGE_NAME STREQUAL "offsite-studio-cpu")
    set(CPACK_DEBIAN_PACKAGE_CONFLICTS "offsite-studio")
    set(CPACK_DEBIAN_PACKAGE_REPLACES "offsite-studio")
    set(CPACK_DEBIAN_PACKAGE_PROVIDES "offsite-studio (= ${PROJECT_VERSION})")
  endif()
endif()

if(WIN32)
  include("${PROJECT_SOURCE_DIR}/installers/windows/OffsiteNsis.cmake")
endif()

include(CPack)
