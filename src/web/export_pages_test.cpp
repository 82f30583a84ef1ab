// The Export form and the Jobs pages through the router, as a browser sends them, over the
// API's own services (http::App): what the form offers, a rejected form coming back with its
// errors beside their inputs, a job made, listed, polled and deleted.
#include "web/export_pages.h"

#include <filesystem>
#include <regex>

#include "auth/passwords.h"
#include "storage/blob_store.h"
#include "web/cookies.h"
#include "web/form.h"
#include "web/web.h"
#include "web/web_test_fixture.h"

namespace dossier::web {
namespace {

struct Answer {
  int status = 0;
  std::string body;
  std::string location;
};

class ExportPagesTest : public testing::WebTest {
 protected:
  static constexpr const char* kPassword = "a password for the tests";

  void SetUp() override {
    WebTest::SetUp();
    files_dir_ = std::filesystem::temp_directory_path() /
                 ("dossier-export-pages-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    files_ = storage::make_local_blob_store(files_dir_.string());
    jobs_.emplace(*db_, clock_, key_);
    app_.emplace(http::App{*db_, *files_, *jobs_, links_, key_, std::chrono::hours(24), {}});
    router_.emplace(*db_);
    add_web_routes(*router_, *site_);
    add_export_pages(*router_, *site_, *app_);
  }
  void TearDown() override { std::filesystem::remove_all(files_dir_); }

  Answer send(const std::string& method, const std::string& path, const std::string& body = "",
              std::map<std::string, std::string> query = {}) {
    http::Request r{method, path, std::move(query), {}, body, "10.3.3.3"};
    if (!cookies_.empty()) r.headers["cookie"] = cookies_;
    if (method == "POST") r.headers["content-type"] = "application/x-www-form-urlencoded";
    http::Response out = router_->dispatch(r);
    Answer a{out.status, out.body, ""};
    for (const auto& [k, v] : out.headers) {
      if (k == "Location") a.location = v;
    }
    return a;
  }

  static std::string cookie_value(const http::Response& r) {
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") return v.substr(v.find('=') + 1, v.find(';') - v.find('=') - 1);
    }
    return "";
  }

  // Signs in as `username` through the sign-in form; keeps the CSRF token in csrf_.
  void sign_in(const std::string& username) {
    ASSERT_TRUE(auth::set_password(*db_, username, kPassword).ok());
    cookies_.clear();
    http::Response form = router_->dispatch(http::Request{"GET", "/", {}, {}, "", "10.3.3.3"});
    const std::string pre = cookie_value(form);
    cookies_ = pre_session_cookie_name(*site_) + "=" + pre;
    http::Request post{"POST", "/sign-in", {}, {}, "", "10.3.3.3"};
    post.body = "csrf_token=" + pre + "&username=" + form_encode(username) +
                "&password=" + form_encode(kPassword);
    post.headers["cookie"] = cookies_;
    post.headers["content-type"] = "application/x-www-form-urlencoded";
    http::Response done = router_->dispatch(post);
    ASSERT_EQ(done.status, 303);
    cookies_ = session_cookie_name(*site_) + "=" + cookie_value(done);
    std::smatch m;
    const std::string clients = send("GET", "/clients").body;
    ASSERT_TRUE(
        std::regex_search(clients, m, std::regex("name=\"csrf_token\" value=\"([^\"]*)\"")));
    csrf_ = m[1].str();
  }

  std::string post_body(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body = "csrf_token=" + form_encode(csrf_);
    for (const auto& [k, v] : fields) body += "&" + form_encode(k) + "=" + form_encode(v);
    return body;
  }

  const demo::TherapistToken& therapist() const { return tokens_.therapists.at(0); }
  const std::string& patient() const { return therapist().patient_ids.at(0); }
  int64_t jobs_in_db() {
    return db_->query_one("SELECT COUNT(*) AS n FROM export_jobs", {}).value()["n"].get<int64_t>();
  }

  std::filesystem::path files_dir_;
  std::unique_ptr<storage::BlobStore> files_;
  std::optional<jobs::JobStore> jobs_;
  const auth::LinkSigner links_{std::string(32, 's')};
  std::optional<http::App> app_;
  std::optional<http::Router> router_;
  std::string cookies_;
  std::string csrf_;
};

TEST_F(ExportPagesTest, ATherapistIsOfferedTheTypesTheyMayMakeAndTheTypesOwnInputs) {
  sign_in(therapist().username);
  Answer a = send("GET", "/export", "", {{"type", "progress-report"}, {"patient_id", patient()}});
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("<option value=\"session-notes\">"), std::string::npos);
  EXPECT_EQ(a.body.find("practice-summary"), std::string::npos);
  EXPECT_NE(a.body.find("name=\"include_sections.diagnosis\" checked"), std::string::npos);
  EXPECT_NE(a.body.find("name=\"include_sections.medical_necessity\">"), std::string::npos);
  EXPECT_NE(a.body.find("<label for=\"end_date\">"), std::string::npos);
  EXPECT_NE(a.body.find("<option value=\"pdf\" selected>"), std::string::npos);
  EXPECT_NE(a.body.find("name=\"patient_id\" value=\"" + patient() + "\""), std::string::npos);
  // Session-note exports list the client's sessions to tick.
  Answer notes = send("GET", "/export", "", {{"type", "session-notes"}, {"patient_id", patient()}});
  ASSERT_EQ(notes.status, 200);
  EXPECT_NE(notes.body.find("name=\"session_ids."), std::string::npos);
  EXPECT_NE(notes.body.find("name=\"options.include_transcript\">"), std::string::npos);
}

TEST_F(ExportPagesTest, AClientTheCallerMayNotSeeIsNotFound) {
  sign_in(tokens_.therapists.at(1).username);
  // The first therapist's client, unless the two share it.
  auto shared = db_->query_one("SELECT 1 AS x FROM care_team WHERE patient_id = ? AND user_id = ?",
                               {patient(), tokens_.therapists.at(1).user_id});
  ASSERT_TRUE(shared.ok());
  if (!shared->is_null()) GTEST_SKIP() << "the demo put both on one care team";
  EXPECT_EQ(send("GET", "/export", "", {{"type", "full-record"}, {"patient_id", patient()}}).status,
            404);
}

TEST_F(ExportPagesTest, ARejectedFormComesBackWithEachProblemBesideItsInputAndTheValuesKept) {
  sign_in(therapist().username);
  Answer a = send("POST", "/export",
                  post_body({{"type", "progress-report"},
                             {"patient_id", patient()},
                             {"format", "docx"},
                             {"start_date", "2025-03-01"},
                             {"end_date", "2025-01-01"},
                             {"recipient.name", "Dr. Keep Me"}}));
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(jobs_in_db(), 0);
  EXPECT_NE(a.body.find("name=\"end_date\" value=\"2025-01-01\" aria-invalid=\"true\" "
                        "aria-describedby=\"error-end_date\""),
            std::string::npos);
  EXPECT_NE(a.body.find("<p class=\"field-error\" id=\"error-end_date\">must not be before"),
            std::string::npos);
  EXPECT_NE(a.body.find("<a href=\"#end_date\">To</a>"), std::string::npos);
  EXPECT_NE(a.body.find("value=\"2025-03-01\""), std::string::npos);
  EXPECT_NE(a.body.find("value=\"Dr. Keep Me\""), std::string::npos);
  EXPECT_NE(a.body.find("<option value=\"docx\" selected>"), std::string::npos);
  // Sections the form did not send are unticked on the way back, as they were.
  EXPECT_NE(a.body.find("name=\"include_sections.diagnosis\">"), std::string::npos);
}

TEST_F(ExportPagesTest, AnAcceptedFormMakesTheApisJobAndGoesToItsPage) {
  sign_in(therapist().username);
  Answer a = send("POST", "/export",
                  post_body({{"type", "progress-report"},
                             {"patient_id", patient()},
                             {"format", "pdf"},
                             {"include_sections.diagnosis", "on"}}));
  ASSERT_EQ(a.status, 303) << a.body;
  ASSERT_TRUE(a.location.starts_with("/jobs/"));
  const std::string id = a.location.substr(6);
  auto row = db_->query_one(
      "SELECT user_id, export_type, format, parameters FROM export_jobs "
      "WHERE id = ?",
      {id});
  ASSERT_TRUE(row.ok() && row->is_object());
  EXPECT_EQ((*row)["user_id"], therapist().user_id);
  EXPECT_EQ((*row)["export_type"], "progress_report");
  const Json params = Json::parse((*row)["parameters"].get<std::string>());
  EXPECT_EQ(params["include_sections"]["diagnosis"], true);
  EXPECT_EQ(params["include_sections"]["recommendations"], false);
  auto created = db_->query_one(
      "SELECT user_id FROM export_audit_log WHERE action = 'created' "
      "AND export_job_id = ?",
      {id});
  ASSERT_TRUE(created.ok() && created->is_object());

  Answer page = send("GET", a.location);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-status-url=\"/jobs/" + id + "/status\""), std::string::npos);
  EXPECT_NE(page.body.find("Waiting"), std::string::npos);
  Answer status = send("GET", a.location + "/status");
  ASSERT_EQ(status.status, 200);
  const Json json = Json::parse(status.body);
  EXPECT_EQ(json["status"], "pending");
  EXPECT_EQ(json["finished"], false);
  EXPECT_TRUE(json["download_url"].is_null());

  Answer list = send("GET", "/jobs");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("id=\"job-" + id + "\""), std::string::npos);

  Answer deleted = send("POST", a.location + "/delete", post_body({}));
  EXPECT_EQ(deleted.status, 303);
  EXPECT_EQ(deleted.location, "/jobs?deleted=1");
  EXPECT_EQ(send("GET", a.location).status, 404);
  EXPECT_EQ(send("GET", "/jobs").body.find("job-" + id), std::string::npos);
}

TEST_F(ExportPagesTest, AnotherTherapistCannotSeeOrDeleteTheJob) {
  sign_in(therapist().username);
  Answer a =
      send("POST", "/export",
           post_body({{"type", "full-record"}, {"patient_id", patient()}, {"format", "json"}}));
  ASSERT_EQ(a.status, 303) << a.body;
  sign_in(tokens_.therapists.at(1).username);
  EXPECT_EQ(send("GET", a.location).status, 404);
  EXPECT_EQ(send("GET", a.location + "/status").status, 404);
  EXPECT_EQ(send("POST", a.location + "/delete", post_body({})).status, 404);
  EXPECT_EQ(jobs_in_db(), 1);
}

TEST_F(ExportPagesTest, ABillerIsOfferedInsuranceReportsOnlyAndRefusedTheRest) {
  sign_in(tokens_.biller.username);
  Answer a = send("GET", "/export", "", {{"type", "insurance-report"}, {"patient_id", patient()}});
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("<option value=\"insurance-report\" selected>"), std::string::npos);
  for (const char* other : {"progress-report", "session-notes", "full-record", "treatment-summary",
                            "practice-summary"}) {
    EXPECT_EQ(a.body.find(other), std::string::npos) << other;
  }
  EXPECT_NE(a.body.find("<option value=\"x12\">"), std::string::npos);
  EXPECT_EQ(send("GET", "/export", "", {{"type", "session-notes"}}).status, 400);
  // A forged post of another type gets the API's answer (the form never offers it).
  Answer forged =
      send("POST", "/export", post_body({{"type", "session-notes"}, {"format", "pdf"}}));
  EXPECT_EQ(forged.status, 400);
  EXPECT_EQ(jobs_in_db(), 0);
}

TEST_F(ExportPagesTest, AnAdminsPracticeSummaryNeedsNoClientAndIsNoDisclosure) {
  sign_in("admin");
  Answer a = send("GET", "/export", "", {{"type", "practice-summary"}});
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("<option value=\"practice-summary\" selected>"), std::string::npos);
  EXPECT_NE(a.body.find("name=\"start_date\""), std::string::npos);
  EXPECT_EQ(a.body.find("name=\"recipient.name\""), std::string::npos);
  EXPECT_EQ(a.body.find("<option value=\"fhir\">"), std::string::npos);  // not a summary's format
  // Its period is required: the API's problem comes back beside the input.
  Answer missing =
      send("POST", "/export", post_body({{"type", "practice-summary"}, {"format", "json"}}));
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("id=\"error-start_date\""), std::string::npos);
  Answer made = send("POST", "/export",
                     post_body({{"type", "practice-summary"},
                                {"format", "json"},
                                {"start_date", "2025-01-01"},
                                {"end_date", "2025-06-30"}}));
  EXPECT_EQ(made.status, 303) << made.body;
}

}  // namespace
}  // namespace dossier::web
