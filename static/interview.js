// Keeps a live online interview's page current: polls the interview's JSON
// (the same view model as the page) and redraws the answered questions in
// order; when the interview is no longer live, reloads the page, which is
// then the transcript. Without scripts the page refreshes itself by a meta
// refresh inside <noscript> instead.
(function () {
  'use strict';
  var qa = document.getElementById('qa');
  var list = document.getElementById('answers');
  if (!qa || !list || !qa.getAttribute('data-poll') || !window.fetch) return;
  var src = qa.getAttribute('data-poll');
  var asker = qa.getAttribute('data-asker') || '';
  var colon = qa.getAttribute('data-colon') || ': ';
  var seen = list.children.length;
  var every = 10000;

  function para(label, text, cls) {
    var p = document.createElement('p');
    if (cls) p.className = cls;
    if (label) {
      var b = document.createElement('strong');
      b.textContent = label + colon;
      p.appendChild(b);
    }
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function item(a) {
    var li = document.createElement('li');
    li.className = 'card';
    li.id = 'q-' + a.id;
    li.appendChild(para(a.seq + '. ' + asker + ' ' + a.asker, a.body));
    li.appendChild(para(a.guest_title + ' ' + a.guest_name, a.answer));
    li.appendChild(para('', a.answered_local || '', 'hint'));
    return li;
  }

  function draw(view) {
    var answers = view.answers || [];
    if (answers.length === seen) return;
    var empty = document.getElementById('answers-empty');
    if (empty) empty.parentNode.removeChild(empty);
    // Only the new answers are added, so a reader's place is kept.
    for (var i = seen; i < answers.length; i++) list.appendChild(item(answers[i]));
    seen = answers.length;
  }

  function poll() {
    fetch(src, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (view) {
        if (!view) return;
        if (view.interview && view.interview.phase !== 'live') {
          window.location.reload();
          return;
        }
        draw(view);
        setTimeout(poll, every);
      })
      .catch(function () { setTimeout(poll, every * 3); });
  }

  setTimeout(poll, every);
}());
