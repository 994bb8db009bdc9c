# CPack NSIS settings for the Windows installer (included by cmake/OffsitePackaging.cmake on Windows, and by
# installers/windows/check/ to compile the script with makensis against a staged layout on Linux).
# Expects CPACK_PACKAGE_* from OffsitePackaging.cmake (or the check project) and installs from the tree of
# installers/windows/OffsiteWindowsInstall.cmake: bin/offsite-studio.exe, bin/offsite.exe, Qt (windeployqt),
# the LibTorch DLLs and the MSVC runtime, all in bin/.

# Fixed product identity: the uninstall registry key every version writes, so a new installer finds and removes
# the previous one (CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL). Never change it; the WiX generator gets the same
# GUID as its UpgradeCode in case the project switches.
set(OFFSITE_WINDOWS_UPGRADE_GUID "50E6F2C1-A27C-442C-A0A8-A3E47F448000")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "{${OFFSITE_WINDOWS_UPGRADE_GUID}}")
set(CPACK_WIX_UPGRADE_GUID "${OFFSITE_WINDOWS_UPGRADE_GUID}")

set(CPACK_GENERATOR "NSIS")
set(CPACK_NSIS_PACKAGE_NAME "Offsite Studio")
set(CPACK_NSIS_DISPLAY_NAME "Offsite Studio")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Offsite Studio")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON)  # offers to put bin\ (offsite.exe) on PATH
set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_LIST_DIR}/offsite-studio.ico")
set(CPACK_NSIS_MUI_UNIICON "${CMAKE_CURRENT_LIST_DIR}/offsite-studio.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\offsite-studio.exe")
set(CPACK_NSIS_CONTACT "dev@offsite.studio")
set(CPACK_NSIS_URL_INFO_ABOUT "https://offsite.studio/")
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# Licence page: the project's Apache-2.0 text (the third-party notices are installed next to the executables).
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_LIST_DIR}/../../LICENSE")
# Start menu: "Offsite Studio" from CPACK_PACKAGE_EXECUTABLES (offsite-studio), plus the uninstaller.
set(CPACK_PACKAGE_EXECUTABLES "offsite-studio" "Offsite Studio")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "offsite-studio.exe")

# .otpkg: a ProgID opened by the app, with the app's icon; removed again on uninstall (the extension only if it
# still points at us). Backslashes are doubled twice: once for this file, once for CPackConfig.cmake.
set(_classes "Software\\\\Classes")
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "
  WriteRegStr SHCTX '${_classes}\\\\.otpkg' '' 'OffsiteStudio.Package'
  WriteRegStr SHCTX '${_classes}\\\\.otpkg' 'Content Type' 'application/x-offsite-package'
  WriteRegStr SHCTX '${_classes}\\\\OffsiteStudio.Package' '' 'Offsite-Tuning package'
  WriteRegStr SHCTX '${_classes}\\\\OffsiteStudio.Package\\\\DefaultIcon' '' '$INSTDIR\\\\bin\\\\offsite-studio.exe,0'
  WriteRegStr SHCTX '${_classes}\\\\OffsiteStudio.Package\\\\shell\\\\open\\\\command' '' '\\\"$INSTDIR\\\\bin\\\\offsite-studio.exe\\\" \\\"%1\\\"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
  ReadRegStr $0 SHCTX '${_classes}\\\\.otpkg' ''
  StrCmp $0 'OffsiteStudio.Package' 0 +2
    DeleteRegKey SHCTX '${_classes}\\\\.otpkg'
  DeleteRegKey SHCTX '${_classes}\\\\OffsiteStudio.Package'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
")
