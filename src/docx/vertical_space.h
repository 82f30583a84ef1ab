// CSS vertical margin collapsing, for turning box margins into Word paragraph spacing.
#pragma once

#include <algorithm>

namespace dossier::docx {

//! The space between two paragraphs accumulated while walking out of one box and into the
//! next: adjoining margins collapse (largest positive plus most negative, as CSS 2.1 §8.3.1),
//! padding (and anything else that separates margins) adds up.
class VerticalSpace {
 public:
  //! A margin adjoining the previous ones.
  void margin(double m) {
    if (m >= 0) {
      positive_ = std::max(positive_, m);
    } else {
      negative_ = std::min(negative_, m);
    }
  }
  //! Non-collapsing space (padding): ends the current run of adjoining margins.
  void fixed(double f) {
    fixed_ += positive_ + negative_ + f;
    positive_ = negative_ = 0;
  }
  //! The total, never negative, and starts afresh.
  double take() {
    const double total = std::max(0.0, fixed_ + positive_ + negative_);
    fixed_ = positive_ = negative_ = 0;
    return total;
  }

 private:
  double fixed_ = 0;
  double positive_ = 0;
  double negative_ = 0;
};

}  // namespace dossier::docx
