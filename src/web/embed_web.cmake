# Compiles the pages' templates (templates/*.j2) and static files (static/*) into the binary
# (see views.h): a deployment serves exactly the pages it was tested with, and no file is read
# from disk at run time.
file(GLOB_RECURSE files RELATIVE "${SRC_DIR}" "${SRC_DIR}/templates/*.j2" "${SRC_DIR}/static/*")
list(SORT files)
set(body "")
foreach(f ${files})
  file(READ "${SRC_DIR}/${f}" text)
  string(APPEND body "      {\"${f}\", R\"dossier_web(${text})dossier_web\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from src/web/templates and src/web/static by embed_web.cmake.\n#include \"web/views.h\"\n\nnamespace dossier::web {\n\nconst std::vector<EmbeddedFile>& embedded_web_files() {\n  static const std::vector<EmbeddedFile> kFiles = {\n${body}  };\n  return kFiles;\n}\n\n}  // namespace dossier::web\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
