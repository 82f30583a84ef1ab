// A small, immutable DOM: what the HTML parser hands to the cascade and the tree builder.
// Owning tree of elements and text; parent pointers for selector matching.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier::doc {

struct DomNode {
  enum class Type : uint8_t { kElement, kText };
  Type type = Type::kElement;
  std::string name;  //!< lower-case element name; empty for text
  std::string text;  //!< text nodes: character data (valid UTF-8, entities decoded)
  std::vector<std::pair<std::string, std::string>> attributes;  //!< lower-case names
  std::string id;
  std::vector<std::string> classes;
  //! <svg> elements only: the subtree serialized back to standalone SVG XML.
  std::string svg_markup;
  DomNode* parent = nullptr;
  int element_index = 0;  //!< position among the parent's element children
  int element_count = 0;  //!< number of element children
  std::vector<std::unique_ptr<DomNode>> children;

  bool is_element() const { return type == Type::kElement; }
  //! The attribute's value, or nullptr.
  const std::string* attribute(std::string_view attr_name) const;
  //! The previous element sibling, or nullptr.
  const DomNode* previous_element() const;
};

struct Dom {
  //! The <html> element (always present, even for empty input).
  std::unique_ptr<DomNode> root;
};

}  // namespace dossier::doc
