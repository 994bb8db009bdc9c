# Windows install layout (included by cmake/OffsiteInstall.cmake on Windows): everything in bin\ next to the
# executables, which is where Windows looks for DLLs.
#   bin\offsite-studio.exe, bin\offsite.exe        (install(TARGETS) in app/)
#   bin\*.dll                                      LibTorch (and the CUDA DLLs of a CUDA LibTorch) that they need
#   bin\Qt6*.dll, bin\platforms\, bin\styles\, …   Qt, deployed by windeployqt
#   bin\msvcp140.dll, vcruntime140*.dll            MSVC runtime (InstallRequiredSystemLibraries)
#   bin\translations\                              our .qm files (OffsiteInstall.cmake) and Qt's (windeployqt)
#   bin\libsodium.dll, sqlite3.dll, pcre2-8.dll     from vcpkg (the x64-windows triplet builds DLLs)
#   LICENSE, THIRD_PARTY_NOTICES.txt                Apache-2.0; every bundled component's licence
# Not verified on Windows from this repository's CI (see installers/windows/README.md).

set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION "${CMAKE_INSTALL_BINDIR}")
include(InstallRequiredSystemLibraries)

if(OFFSITE_WITH_TORCH)
  set(_exe_files "")
  foreach(_t IN LISTS _exe_targets)
    list(APPEND _exe_files "$<TARGET_FILE:${_t}>")
  endforeach()
  # The DLLs the executables load from LibTorch's lib\ folder (the closure of their imports); Windows' own DLLs
  # (api-ms-*, system32) are excluded.
  # vcpkg's DLLs (libsodium, SQLite, PCRE2) are in <vcpkg installed>/<triplet>/bin, set by vcpkg's toolchain file.
  set(_vcpkg_bin "")
  if(DEFINED VCPKG_INSTALLED_DIR AND DEFINED VCPKG_TARGET_TRIPLET)
    set(_vcpkg_bin "${VCPKG_INSTALLED_DIR}/${VCPKG_TARGET_TRIPLET}/bin")
  endif()
  install(CODE "
    file(GET_RUNTIME_DEPENDENCIES
      EXECUTABLES ${_exe_files}
      DIRECTORIES \"${OFFSITE_TORCH_ROOT}/lib\" \"${_vcpkg_bin}\"
      RESOLVED_DEPENDENCIES_VAR _deps
      UNRESOLVED_DEPENDENCIES_VAR _unresolved
      PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\"
      POST_EXCLUDE_REGEXES \".*[/\\\\\\\\][Ss]ystem32[/\\\\\\\\].*\")
    string(TOLOWER \"${OFFSITE_TORCH_ROOT}/lib\" _torch_lib)
    string(TOLOWER \"${_vcpkg_bin}\" _vcpkg_lib)
    foreach(_dep IN LISTS _deps)
      string(TOLOWER \"\${_dep}\" _low)
      string(FIND \"\${_low}\" \"\${_torch_lib}\" _at)
      set(_at_vcpkg -1)
      if(NOT \"\${_vcpkg_lib}\" STREQUAL \"\")
        string(FIND \"\${_low}\" \"\${_vcpkg_lib}\" _at_vcpkg)
      endif()
      if(_at EQUAL 0 OR _at_vcpkg EQUAL 0)
        file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\" TYPE SHARED_LIBRARY FILES \"\${_dep}\")
      endif()
    endforeach()
    # LibTorch loads these itself (OpenMP runtime, CUDA kernels libraries) without importing them.
    file(GLOB _dlopened \"${OFFSITE_TORCH_ROOT}/lib/libiomp5md.dll\" \"${OFFSITE_TORCH_ROOT}/lib/cudnn*.dll\"
                        \"${OFFSITE_TORCH_ROOT}/lib/nvrtc*.dll\")
    if(_dlopened)
      file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\" TYPE SHARED_LIBRARY FILES \${_dlopened})
    endif()")
endif()

if(TARGET offsite-studio)
  get_target_property(_qmake Qt6::qmake IMPORTED_LOCATION)
  get_filename_component(_qt_bin "${_qmake}" DIRECTORY)
  find_program(OFFSITE_WINDEPLOYQT windeployqt HINTS "${_qt_bin}" REQUIRED)
  install(CODE "
    execute_process(COMMAND \"${OFFSITE_WINDEPLOYQT}\" --release --no-compiler-runtime --no-system-d3d-compiler
                            --no-opengl-sw --dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\"
                            \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/offsite-studio.exe\"
                    RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR \"windeployqt failed (\${_rc})\")
    endif()")
endif()

# Licences: the project's (also the installer's licence page, OffsiteNsis.cmake) and the third-party notices
# (regenerated on Linux by scripts/windows-notices.sh), plus whatever licence files the LibTorch archive has.
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" "${CMAKE_CURRENT_LIST_DIR}/THIRD_PARTY_NOTICES.txt" DESTINATION ".")
if(OFFSITE_WITH_TORCH)
  file(GLOB _torch_notices "${OFFSITE_TORCH_ROOT}/*LICENSE*" "${OFFSITE_TORCH_ROOT}/*NOTICE*")
  if(_torch_notices)
    install(FILES ${_torch_notices} DESTINATION "third-party/libtorch")
  endif()
endif()
