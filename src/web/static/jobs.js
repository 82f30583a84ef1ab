// Live status on the Jobs pages: every element with data-status-url (an unfinished job) is
// polled through that same-origin JSON endpoint (/jobs/{id}/status, the job's row as the
// page renders it) and its [data-field] parts are updated in place until the job finishes.
// Without script the pages still work: a reload shows the same state.
'use strict';

(function () {
  const FIRST_DELAY_MS = 500;
  const MAX_DELAY_MS = 5000;
  // Each poll counts as use of the session: a page left open must not keep it alive for ever
  // (a job no worker takes stays pending). After this long, a reload shows the state.
  const GIVE_UP_AFTER_MS = 10 * 60 * 1000;
  const started = Date.now();

  function setText(root, field, text) {
    const el = root.querySelector('[data-field="' + field + '"]');
    if (el) el.textContent = text || '';
    return el;
  }

  function showDownload(root, job) {
    const slot = root.querySelector('[data-field="download"]');
    if (!slot || !job.download_url || slot.querySelector('a')) return;
    const link = document.createElement('a');
    link.href = job.download_url;
    link.setAttribute('download', '');
    link.textContent = 'Download';
    if (slot.tagName === 'P') link.className = 'button';
    slot.appendChild(link);
  }

  function update(root, job) {
    const status = setText(root, 'status_label', job.status_label);
    if (status) status.className = 'status status-' + job.status;
    setText(root, 'progress_text', job.progress_text);
    setText(root, 'expires_text', job.expires_text);
    if (job.error_message) {
      const error = setText(root, 'error_message', job.error_message);
      if (error) error.classList.remove('hidden');
    }
    showDownload(root, job);
    if (job.finished) {
      setText(root, 'waiting', '');
      root.removeAttribute('data-status-url');
    }
  }

  function poll(root, url, delay) {
    window.setTimeout(function () {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) {
          if (!response.ok) throw new Error('status ' + response.status);
          return response.json();
        })
        .then(function (job) {
          update(root, job);
          if (!job.finished && Date.now() - started < GIVE_UP_AFTER_MS) {
            poll(root, url, Math.min(delay * 1.5, MAX_DELAY_MS));
          }
        })
        .catch(function () {
          // Signed out or offline: stop; a reload shows the state and the sign-in page.
        });
    }, delay);
  }

  document.querySelectorAll('[data-status-url]').forEach(function (root) {
    poll(root, root.getAttribute('data-status-url'), FIRST_DELAY_MS);
  });
})();
