#include "formats/inline_images.h"

#include <gtest/gtest.h>

namespace dossier::formats {
namespace {

const doc::AssetResolver kAssets = [](std::string_view name) -> std::optional<std::string> {
  if (name == "logo.png") return std::string("\x89PNG\r\n", 6);
  if (name == "seal.svg") return std::string("<svg/>");
  return std::nullopt;
};

TEST(InlineImages, AssetNamesBecomeDataUrisAndEverythingElseStays) {
  const std::string html =
      "<p>src=\"logo.png\"</p><IMG alt=\"x\" src=\"logo.png\"><img src='seal.svg'/>"
      "<img src=\"https://example.org/a.png\"><img src=\"missing.png\"><imgx src=\"logo.png\">";
  const std::string out = inline_asset_images(html, kAssets);
  EXPECT_EQ(
      out,
      "<p>src=\"logo.png\"</p><IMG alt=\"x\" src=\"data:image/png;base64,iVBORw0K\">"
      "<img src='data:image/svg+xml;base64,PHN2Zy8+'/>"
      "<img src=\"https://example.org/a.png\"><img src=\"missing.png\"><imgx src=\"logo.png\">");
}

TEST(InlineImages, WithoutAssetsTheHtmlIsUnchanged) {
  EXPECT_EQ(inline_asset_images("<img src=\"logo.png\">", {}), "<img src=\"logo.png\">");
  EXPECT_EQ(inline_asset_images("<img src=\"logo.png\"", kAssets), "<img src=\"logo.png\"");
}

}  // namespace
}  // namespace dossier::formats
