# Writes version.cc with kilter's version and the git commit it was built
# from (with "-dirty" when the work tree had changes), at every build. The
# file is rewritten only when its text changes, so a build of an unchanged
# tree relinks nothing. Run with -DSOURCE_DIR=... -DOUTPUT=... -DVERSION=...
find_package(Git QUIET)
set(commit "unknown")
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} rev-parse --short=12 HEAD
                  OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE head_rc ERROR_QUIET)
  if(head_rc EQUAL 0)
    set(commit "${head}")
    execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} status --porcelain
                            --untracked-files=no
                    OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT changes STREQUAL "")
      set(commit "${commit}-dirty")
    endif()
  endif()
endif()
set(text "#include \"reconciler/cli/version.h\"\n\nnamespace kilter::cli {\n\nconst char* Version() { return \"${VERSION}\"; }\nconst char* BuildCommit() { return \"${commit}\"; }\n\n}  // namespace kilter::cli\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE "${OUTPUT}" "${text}")
endif()
