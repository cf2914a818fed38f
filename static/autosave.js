// Autosave for long forms (progressive enhancement: without JavaScript the Save button works).
// Every change is kept in this browser at once, and sent to the server as a draft after a pause;
// if the session expired or the network failed, the input stays here and is restored on the
// next visit of the page, so nothing typed is lost.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-autosave]');
  Array.prototype.forEach.call(forms, function (form) {
    var key = 'passerelle:draft:' + form.getAttribute('action');
    var status = document.createElement('p');
    status.className = 'autosave-status';
    status.setAttribute('role', 'status');
    form.insertBefore(status, form.firstChild);
    var say = function (name) { status.textContent = form.getAttribute('data-autosave-' + name) || ''; };

    var values = function () {
      var out = [];
      new FormData(form).forEach(function (v, k) { if (k !== 'csrf') { out.push([k, v]); } });
      return out;
    };
    var restore = function (saved) {
      var byName = {};
      saved.forEach(function (p) { (byName[p[0]] = byName[p[0]] || []).push(p[1]); });
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.name === 'csrf' || !(el.name in byName)) { return; }
        if (el.type === 'checkbox') { el.checked = byName[el.name].indexOf(el.value) >= 0; }
        else if (el.type !== 'hidden') { el.value = byName[el.name][0]; }
      });
    };

    try {
      var saved = JSON.parse(localStorage.getItem(key) || 'null');
      if (saved && JSON.stringify(saved) !== JSON.stringify(values())) { restore(saved); say('restored'); }
    } catch (e) { /* storage unavailable: the server draft still works */ }

    var timer = null;
    var send = function () {
      var body = new URLSearchParams();
      new FormData(form).forEach(function (v, k) { body.append(k, v); });
      fetch(form.getAttribute('action'), { method: 'POST', body: body, headers: { 'X-Autosave': '1' }, credentials: 'same-origin', redirect: 'manual' })
        .then(function (res) {
          if (res.status === 204) { say('saved'); localStorage.removeItem(key); }
          else if (res.type === 'opaqueredirect' || res.status === 401 || res.status === 403) { say('expired'); }
          else { say('invalid'); }
        })
        .catch(function () { say('offline'); });
    };
    form.addEventListener('input', function () {
      try { localStorage.setItem(key, JSON.stringify(values())); } catch (e) { /* ignore */ }
      say('pending');
      clearTimeout(timer);
      timer = setTimeout(send, 800);
    });
    form.addEventListener('submit', function () { clearTimeout(timer); });
  });
})();
