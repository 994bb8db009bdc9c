# Fails when a committed translations/*.ts file is stale (lupdate over the sources would change it) or has
# unfinished, vanished or obsolete entries. Run by ctest as test_ui_translations_current with
#   -DLUPDATE=<lupdate> -DSOURCE_DIR=<repository> -DWORK_DIR=<scratch folder> -DLANGUAGES=de;fr;...
# To fix: cmake --build --preset ci --target update_translations, translate the new entries (Qt Linguist), commit.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(problems "")
foreach(language IN LISTS LANGUAGES)
  set(committed "${SOURCE_DIR}/translations/offsite_studio_${language}.ts")
  if(NOT EXISTS "${committed}")
    string(APPEND problems "\n  ${committed} is missing")
    continue()
  endif()
  set(copy "${WORK_DIR}/offsite_studio_${language}.ts")
  file(COPY_FILE "${committed}" "${copy}")
  # Must match OFFSITE_LUPDATE_OPTIONS in ui/CMakeLists.txt.
  execute_process(
    COMMAND "${LUPDATE}" -silent -no-obsolete -locations none -I "${SOURCE_DIR}" -target-language ${language}
            "${SOURCE_DIR}/ui" "${SOURCE_DIR}/app/gui" -ts "${copy}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(APPEND problems "\n  lupdate failed for ${language}: ${out}${err}")
    continue()
  endif()
  file(READ "${committed}" before)
  file(READ "${copy}" after)
  if(NOT before STREQUAL after)
    string(APPEND problems "\n  translations/offsite_studio_${language}.ts is stale: the sources have strings it lacks or "
                           "it has strings the sources no longer use")
  endif()
  foreach(state unfinished vanished obsolete)
    string(FIND "${before}" "type=\"${state}\"" at)
    if(at GREATER -1)
      string(APPEND problems "\n  translations/offsite_studio_${language}.ts has ${state} entries")
    endif()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "Translations need work:${problems}\nRun `cmake --build --preset ci --target update_translations`, "
                      "translate the new entries in Qt Linguist and commit the .ts files.")
endif()
message(STATUS "translations are current and finished: ${LANGUAGES}")
