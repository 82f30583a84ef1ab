#include "doc/whitespace.h"

#include <vector>

#include "doc/text_util.h"

namespace dossier::doc {
namespace {

bool preserves_spaces(WhiteSpace ws) {
  return ws == WhiteSpace::kPre || ws == WhiteSpace::kPreWrap;
}
bool preserves_newlines(WhiteSpace ws) {
  return ws != WhiteSpace::kNormal && ws != WhiteSpace::kNowrap;
}

class Collapser {
 public:
  // Pass 1: collapse runs and drop spaces that follow a space, the start or a line break.
  void collapse(Node& node) {
    for (Node& child : node.children) {
      switch (child.kind) {
        case NodeKind::kText:
          text(child);
          break;
        case NodeKind::kLineBreak:
          trim_trailing();
          after_space_ = true;
          break;
        case NodeKind::kImage:
        case NodeKind::kPageReference:
          after_space_ = false, last_text_ = nullptr;
          break;
        default:
          collapse(child);
          break;
      }
    }
  }

  void trim_trailing() {
    if (last_text_ != nullptr && !last_text_->text.empty() && last_text_->text.back() == ' ' &&
        !preserves_spaces(last_text_->style.white_space)) {
      last_text_->text.pop_back();
    }
    last_text_ = nullptr;
  }

 private:
  void text(Node& t) {
    const WhiteSpace ws = t.style.white_space;
    std::string out;
    out.reserve(t.text.size());
    if (preserves_spaces(ws)) {
      for (char c : t.text) out += (c == '\r') ? '\n' : c;
      after_space_ = !out.empty() && (out.back() == ' ' || out.back() == '\n');
    } else {
      for (char c : t.text) {
        if (c == '\n' && preserves_newlines(ws)) {
          if (!out.empty() && out.back() == ' ') out.pop_back();
          out += '\n';
          after_space_ = true;
        } else if (is_css_space(c)) {
          if (!after_space_) out += ' ';
          after_space_ = true;
        } else {
          out += c;
          after_space_ = false;
        }
      }
    }
    t.text = std::move(out);
    if (!t.text.empty()) last_text_ = &t;
  }

  bool after_space_ = true;  // the paragraph start behaves like a preceding space
  Node* last_text_ = nullptr;
};

// Pass 2: removes empty texts and spans; reports whether anything visible remains.
bool prune(Node& node) {
  bool visible = false;
  std::erase_if(node.children, [&](Node& child) {
    switch (child.kind) {
      case NodeKind::kText:
        if (child.text.empty()) return true;
        visible = true;
        return false;
      case NodeKind::kLineBreak:
      case NodeKind::kImage:
      case NodeKind::kPageReference:
        visible = true;
        return false;
      default: {
        const bool child_visible = prune(child);
        visible |= child_visible;
        return !child_visible && child.anchor.empty();
      }
    }
  });
  return visible;
}

}  // namespace

bool collapse_paragraph_whitespace(Node& paragraph) {
  Collapser c;
  c.collapse(paragraph);
  c.trim_trailing();
  return prune(paragraph);
}

}  // namespace dossier::doc
