// The template editor's live preview: once typing stops, or another client is chosen, the
// editor's form is sent to the preview frame exactly as its Preview button sends it (which
// works on its own without this script).
(function () {
  "use strict";
  var form = document.getElementById("template-form");
  var button = document.getElementById("preview-button");
  if (!form || !button || typeof form.requestSubmit !== "function") return;
  var pause = 700; // ms after the last keystroke
  var timer = null;
  function refresh() {
    timer = null;
    form.requestSubmit(button);
  }
  function later() {
    if (timer !== null) window.clearTimeout(timer);
    timer = window.setTimeout(refresh, pause);
  }
  var content = document.getElementById("template_content");
  if (content && !content.readOnly) content.addEventListener("input", later);
  var client = document.getElementById("client_id");
  if (client) client.addEventListener("change", refresh);
})();
