# Compiles openapi.json into the binary as a string.
file(READ "${SRC}" text)
file(WRITE "${OUT}.tmp" "// Generated from openapi.json by embed_openapi.cmake.\n#include \"http/openapi.h\"\n\nnamespace dossier::http {\n\nconst Json& openapi_document() {\n  static const Json kDoc = Json::parse(R\"dossier_json(${text})dossier_json\");\n  return kDoc;\n}\n\n}  // namespace dossier::http\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
