// Suggests answers from the consultation knowledge base while a citizen
// types the title of a consultation: asks /api/v1/interact/knowledge a
// moment after typing stops and lists what it finds in a live region.
// Nothing typed is touched. Without this script the form's first send
// (or "查找相似问题") shows the same suggestions above the filled form.
(function () {
  'use strict';
  var form = document.getElementById('letter-form');
  var title = document.getElementById('f-title');
  var live = document.getElementById('kb-live');
  var step = document.getElementById('f-suggested');
  if (!form || !title || !live || !window.fetch) return;

  var timer = null;
  var asked = '';

  function show(entries) {
    live.textContent = '';
    if (!entries.length) return;
    var h = document.createElement('h2');
    h.className = 'kb-live-title';
    h.textContent = live.getAttribute('data-title');
    var list = document.createElement('ul');
    list.className = 'kb-live-list';
    entries.slice(0, 5).forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = e.url;
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = e.question;
      li.appendChild(a);
      list.appendChild(li);
    });
    live.appendChild(h);
    live.appendChild(list);
    // The citizen has seen suggestions: the first send sends.
    if (step) step.value = '1';
  }

  function ask() {
    var q = title.value.trim();
    if (q === asked) return;
    asked = q;
    if (!q) { show([]); return; }
    fetch(live.getAttribute('data-api') + '?q=' + encodeURIComponent(q.slice(0, 80)),
      { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : { entries: [] }; })
      .then(function (v) { if (q === asked) show(v.entries || []); })
      .catch(function () { /* the no-script path still works */ });
  }

  title.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
}());
