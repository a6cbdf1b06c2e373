// Saves an application draft while it is being filled in, so nothing typed
// is lost, and before a file is uploaded (the upload form carries only the
// file). The page works the same without this script: "Save draft" posts
// the form, and each upload form posts its file.
(function () {
  'use strict';
  var form = document.getElementById('apply-form');
  var status = document.getElementById('draft-status');
  if (!form || !form.hasAttribute('data-autosave') || !window.fetch) return;

  var timer = null;
  var dirty = false;

  function body() {
    var data = new URLSearchParams();
    var fields = new FormData(form);
    fields.forEach(function (v, k) { if (typeof v === 'string') data.append(k, v); });
    data.set('action', 'save');
    return data;
  }

  function save() {
    clearTimeout(timer);
    if (!dirty) return Promise.resolve();
    dirty = false;
    return fetch(form.action, { method: 'POST', body: body(), credentials: 'same-origin', redirect: 'manual' })
      .then(function (res) {
        if (status && (res.type === 'opaqueredirect' || res.ok)) {
          status.textContent = status.getAttribute('data-saved') || status.textContent;
        }
      })
      .catch(function () { dirty = true; });
  }

  function changed() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  Array.prototype.forEach.call(document.querySelectorAll('.upload-form'), function (up) {
    up.addEventListener('submit', function (e) {
      if (!dirty) return;
      e.preventDefault();
      save().then(function () { up.submit(); });
    });
  });
  window.addEventListener('pagehide', function () {
    if (dirty && navigator.sendBeacon) navigator.sendBeacon(form.action, body());
  });
}());
