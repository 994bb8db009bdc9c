# What `cmake --install` puts where: the executables, the LibTorch libraries they need, the desktop integration
# (entry, icons, AppStream, MIME type), the man pages, the translations and the licences. The Debian package
# (cmake/OffsitePackaging.cmake), the relocatable bundle (scripts/make-linux-bundle.sh) and the Windows installer
# (installers/windows/) all start from this tree.
#
# Linux layout under the prefix (/usr for the package, any folder for the bundle):
#   bin/offsite, bin/offsite-studio           RUNPATH $ORIGIN/../lib/offsite-studio
#   lib/offsite-studio/                       LibTorch (+ the NVIDIA libraries of a CUDA build), private to us
#   share/offsite-studio/translations/        every .qm the build produced
#   share/{applications,metainfo,mime/packages,icons/hicolor,man/man1}
#   share/doc/<package>/{copyright,THIRD_PARTY_NOTICES,changelog.Debian.gz}
include(GNUInstallDirs)

set(OFFSITE_APP_ID "studio.offsite.OffsiteStudio")
# A multiarch folder (lib/x86_64-linux-gnu/offsite-studio under /usr): private libraries there need no ldconfig.
set(OFFSITE_PRIVATE_LIBDIR "${CMAKE_INSTALL_LIBDIR}/offsite-studio")
set(OFFSITE_DATADIR "${CMAKE_INSTALL_DATADIR}/offsite-studio")
# Two flavours of the Linux package: with the CUDA libraries (runs on an NVIDIA GPU when a driver is present, on the
# CPU otherwise) and CPU-only (-DOFFSITE_TORCH_CUDA=OFF or a CPU LibTorch): the same files, a fraction of the size.
if(OFFSITE_WITH_TORCH AND NOT OFFSITE_TORCH_HAS_CUDA)
  set(OFFSITE_PACKAGE_NAME "offsite-studio-cpu")
else()
  set(OFFSITE_PACKAGE_NAME "offsite-studio")
endif()
set(OFFSITE_DOCDIR "${CMAKE_INSTALL_DATADIR}/doc/${OFFSITE_PACKAGE_NAME}")
option(OFFSITE_BUNDLE_CUDNN
       "With a CUDA LibTorch, also install the cuDNN engine libraries that libcudnn loads at run time (about 1 GB)" ON)

set(_installers "${PROJECT_SOURCE_DIR}/installers")
set(_exe_targets "")
foreach(_t offsite offsite-studio)
  if(TARGET ${_t})
    list(APPEND _exe_targets ${_t})
  endif()
endforeach()

# Translations: whatever .qm files the build made (qt_add_translations, lrelease), found at install time so the
# app can grow languages without touching this file. The app looks in <prefix>/share/offsite-studio/translations
# (Linux) or <exe dir>/translations (Windows).
if(WIN32)
  set(_qm_dest "${CMAKE_INSTALL_BINDIR}/translations")
else()
  set(_qm_dest "${OFFSITE_DATADIR}/translations")
endif()
install(CODE "
  file(GLOB_RECURSE _offsite_qm \"${PROJECT_BINARY_DIR}/*.qm\")
  list(FILTER _offsite_qm EXCLUDE REGEX \"/(CMakeFiles|_CPack_Packages|bundle)/\")
  if(_offsite_qm)
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${_qm_dest}\" TYPE FILE FILES \${_offsite_qm})
  endif()")

if(UNIX AND NOT APPLE)
  if(OFFSITE_WITH_TORCH)
    # The libraries come from the wheel's site-packages (torch/lib and nvidia/*/lib): we install exactly the
    # closure of DT_NEEDED entries that resolves there (file(GET_RUNTIME_DEPENDENCIES) at install time), plus
    # the cuDNN engines libcudnn dlopens. System libraries (Qt, libsodium, SQLite, glibc) stay Debian's.
    get_filename_component(_site "${OFFSITE_TORCH_ROOT}/.." ABSOLUTE)
    set(_extra "")
    if(OFFSITE_TORCH_HAS_CUDA AND OFFSITE_BUNDLE_CUDNN)
      file(GLOB _extra "${_site}/nvidia/cudnn/lib/libcudnn_*.so.9")
    endif()
    set(_exe_files "")
    set(_exe_names "")
    foreach(_t IN LISTS _exe_targets)
      list(APPEND _exe_files "$<TARGET_FILE:${_t}>")
      list(APPEND _exe_names "$<TARGET_FILE_NAME:${_t}>")
    endforeach()
    install(CODE "
      set(OFFSITE_BUNDLE_EXECUTABLES \"${_exe_files}\")
      set(OFFSITE_BUNDLE_INSTALLED \"${_exe_names}\")
      set(OFFSITE_BUNDLE_EXTRA \"${_extra}\")
      set(OFFSITE_BUNDLE_FROM \"${_site}\")
      set(OFFSITE_BUNDLE_BINDIR \"${CMAKE_INSTALL_BINDIR}\")
      set(OFFSITE_BUNDLE_LIBDIR \"${OFFSITE_PRIVATE_LIBDIR}\")")
    install(SCRIPT "${PROJECT_SOURCE_DIR}/cmake/OffsiteBundleLibs.cmake")

    # THIRD_PARTY_NOTICES: each library now in the private folder with the licence files of the wheel it came
    # from (PyTorch's LICENSE and NOTICE, NVIDIA's licence, GCC's runtime exception for libgomp).
    install(CODE "
      execute_process(COMMAND bash \"${PROJECT_SOURCE_DIR}/scripts/third-party-notices.sh\"
                        \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${OFFSITE_DOCDIR}/THIRD_PARTY_NOTICES\"
                        --site \"${_site}\"
                        --libdir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${OFFSITE_PRIVATE_LIBDIR}\"
                      RESULT_VARIABLE _rc)
      if(NOT _rc EQUAL 0)
        message(FATAL_ERROR \"scripts/third-party-notices.sh failed: a bundled library has no licence to list\")
      endif()")
  endif()

  # Desktop integration (freedesktop.org): entry, AppStream, MIME type for .otpkg, icons.
  install(FILES "${_installers}/linux/${OFFSITE_APP_ID}.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
  install(FILES "${_installers}/linux/${OFFSITE_APP_ID}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
  install(FILES "${_installers}/linux/${OFFSITE_APP_ID}.mime.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages"
          RENAME "${OFFSITE_APP_ID}.xml")
  install(FILES "${_installers}/linux/icons/${OFFSITE_APP_ID}.svg"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
  foreach(_size 16 24 32 48 64 128 256 512)
    install(FILES "${_installers}/linux/icons/${OFFSITE_APP_ID}-${_size}.png"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps" RENAME "${OFFSITE_APP_ID}.png")
  endforeach()

  # Man pages and Debian's changelog, gzip -9n as Debian policy wants (no timestamp: reproducible).
  set(_gz "${PROJECT_BINARY_DIR}/installers")
  configure_file("${_installers}/linux/changelog.Debian.in" "${_gz}/changelog.Debian" @ONLY)
  install(CODE "
    foreach(_page \"${_installers}/linux/offsite.1\" \"${_installers}/linux/offsite-studio.1\" \"${_gz}/changelog.Debian\")
      get_filename_component(_name \"\${_page}\" NAME)
      execute_process(COMMAND gzip -9n -c \"\${_page}\" OUTPUT_FILE \"${_gz}/\${_name}.gz\" RESULT_VARIABLE _rc)
      if(NOT _rc EQUAL 0)
        message(FATAL_ERROR \"gzip failed on \${_page}\")
      endif()
    endforeach()
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man1\" TYPE FILE
         FILES \"${_gz}/offsite.1.gz\" \"${_gz}/offsite-studio.1.gz\")
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${OFFSITE_DOCDIR}\" TYPE FILE
         FILES \"${_gz}/changelog.Debian.gz\")")
  install(FILES "${_installers}/linux/copyright" DESTINATION "${OFFSITE_DOCDIR}")
endif()

if(WIN32)
  include("${_installers}/windows/OffsiteWindowsInstall.cmake")
endif()
