# Windows install layout (included by cmake/OffsiteInstall.cmake on Windows): everything in bin\ next to the
# executables, which is where Windows looks for DLLs.
#   bin\offsite-studio.exe, bin\offsite.exe        (install(TARGETS) in app/)
#   bin\*.dll                                      LibTorch (and the CUDA DLLs of a CUDA LibTorch) that they need
#   bin\Qt6*.dll, bin\platforms\, bin\styles\, …   Qt, deployed by windeployqt
#   bin\msvcp140.dll, vcruntime140*.dll            MSVC runtime (InstallRequiredSystemLibraries)
#   bin\translations\                              our .qm files (OffsiteInstall.cmake) and Qt's (windeployqt)
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
  install(CODE "
    file(GET_RUNTIME_DEPENDENCIES
      EXECUTABLES ${_exe_files}
      DIRECTORIES \"${OFFSITE_TORCH_ROOT}/lib\"
      RESOLVED_DEPENDENCIES_VAR _deps
      UNRESOLVED_DEPENDENCIES_VAR _unresolved
      PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\"
      POST_EXCLUDE_REGEXES \".*[/\\\\\\\\][Ss]ystem32[/\\\\\\\\].*\")
    string(TOLOWER \"${OFFSITE_TORCH_ROOT}/lib\" _torch_lib)
    foreach(_dep IN LISTS _deps)
      string(TOLOWER \"\${_dep}\" _low)
      string(FIND \"\${_low}\" \"\${_torch_lib}\" _at)
      if(_at EQUAL 0)
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
