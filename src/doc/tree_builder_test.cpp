#include <gtest/gtest.h>

#include "doc/render.h"

namespace dossier::doc {
namespace {

Document build(std::string_view html, RenderOptions options = {}) {
  auto doc = build_document(html, options);
  EXPECT_TRUE(doc.ok());
  return std::move(doc).value();
}

TEST(TreeBuilder, NormalizesMixedContentIntoAnonymousParagraphs) {
  const Document d = build("<div>loose <b>bold</b><p>para</p> tail </div>");
  EXPECT_EQ(debug_string(d.body),
            "block <body>\n"
            "  block <div>\n"
            "    paragraph\n"
            "      text \"loose \"\n"
            "      span <b>\n"
            "        text \"bold\"\n"
            "    paragraph <p>\n"
            "      text \"para\"\n"
            "    paragraph\n"
            "      text \"tail\"\n");
}

TEST(TreeBuilder, SplitsInlineAroundBlocks) {
  const Document d = build("<span>a<div>b</div>c</span>");
  EXPECT_EQ(debug_string(d.body),
            "block <body>\n"
            "  paragraph\n"
            "    span <span>\n"
            "      text \"a\"\n"
            "  paragraph <div>\n"
            "    text \"b\"\n"
            "  paragraph\n"
            "    span <span>\n"
            "      text \"c\"\n");
}

TEST(TreeBuilder, CollapsesWhitespaceAcrossInlines) {
  const Document d = build("<p>  a \n <b> b </b>  c <br> d  </p><pre> x\n  y</pre>");
  EXPECT_EQ(debug_string(d.body),
            "block <body>\n"
            "  paragraph <p>\n"
            "    text \"a \"\n"
            "    span <b>\n"
            "      text \"b \"\n"
            "    text \"c\"\n"
            "    br <br>\n"
            "    text \"d\"\n"
            "  paragraph <pre>\n"
            "    text \" x\n  y\"\n");
}

TEST(TreeBuilder, ListsTablesAndMetadata) {
  const Document d = build(R"(<html lang=en><head><title> My  Report </title>
      <meta name=author content="Dr. A"><meta name=description content="Progress"></head>
      <body><ol start=3><li>x</li><li>y<ul><li>z</li></ul></li></ol>
      <table><tr><th>H</th><th>H2</th></tr><tr><td colspan=2>c</td></tr></table></body></html>)");
  EXPECT_EQ(d.metadata.title, "My Report");
  EXPECT_EQ(d.metadata.author, "Dr. A");
  EXPECT_EQ(d.metadata.subject, "Progress");
  EXPECT_EQ(d.metadata.language, "en");
  const Node& ol = d.body.children[0];
  ASSERT_EQ(ol.children.size(), 2u);
  EXPECT_EQ(ol.children[0].marker, "3.");
  EXPECT_EQ(ol.children[1].marker, "4.");
  EXPECT_EQ(ol.children[1].children[1].children[0].marker, "\u25E6");
  const Node& table = d.body.children[1];
  ASSERT_EQ(table.kind, NodeKind::kTable);
  ASSERT_EQ(table.children.size(), 2u);
  EXPECT_EQ(table.children[0].row_group, RowGroup::kHead);  // all-<th> first row
  EXPECT_EQ(table.children[1].children[0].colspan, 2);
}

TEST(TreeBuilder, RefusesNetworkAndFileSources) {
  const Document d = build(R"html(<link rel=stylesheet href="http://127.0.0.1:9/x.css">
      <img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png"><img src="//evil/x.png">
      <img src="logo.png"><a href="javascript:alert(1)">j</a><a href="https://x.org">ok</a>
      <script>alert(1)</script><iframe src="http://x"></iframe>)html");
  std::string notes;
  for (const auto& n : d.notes) notes += n + "\n";
  EXPECT_NE(notes.find("ignored <link> element"), std::string::npos) << notes;
  EXPECT_NE(notes.find("ignored image source with scheme file"), std::string::npos);
  EXPECT_NE(notes.find("ignored image source with scheme http"), std::string::npos);
  EXPECT_NE(notes.find("network path"), std::string::npos);
  EXPECT_NE(notes.find("no asset resolver"), std::string::npos);
  EXPECT_NE(notes.find("ignored link with scheme javascript"), std::string::npos);
  EXPECT_NE(notes.find("<script>"), std::string::npos);
  EXPECT_NE(notes.find("<iframe>"), std::string::npos);
  EXPECT_EQ(notes.find("passwd"), std::string::npos);
}

TEST(TreeBuilder, ImagesFromDataUrisSvgAndAssets) {
  // 1×1 transparent PNG.
  const std::string png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJg"
      "gg==";
  RenderOptions options;
  options.assets = [](std::string_view name) -> std::optional<std::string> {
    if (name != "logo.svg") return std::nullopt;
    return std::string(R"(<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>)");
  };
  const Document d = build("<p><img src=\"data:image/png;base64," + png +
                               "\"><img src=logo.svg><svg viewBox=\"0 0 100 50\" width=100 "
                               "height=50><rect width=10 height=10/></svg></p>",
                           options);
  const Node& p = d.body.children[0];
  ASSERT_EQ(p.children.size(), 3u);
  ASSERT_TRUE(p.children[0].image);
  EXPECT_EQ(p.children[0].image->format, Image::Format::kPng);
  EXPECT_EQ(p.children[0].image->width_px, 1);
  ASSERT_TRUE(p.children[1].image);
  EXPECT_EQ(p.children[1].image->width_px, 40);
  ASSERT_TRUE(p.children[2].image);
  EXPECT_EQ(p.children[2].image->format, Image::Format::kSvg);
  EXPECT_NE(p.children[2].image->bytes.find("viewBox"), std::string::npos);
  EXPECT_EQ(p.children[2].image->width_px, 100);
}

}  // namespace
}  // namespace dossier::doc
