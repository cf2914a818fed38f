// Character counters under limited fields (progressive enhancement: the server renders the count
// of the saved text and refuses what is too long with the text kept). The visible count follows
// each keystroke; screen readers hear it once typing pauses, not at every key.
(function () {
  'use strict';
  var lang = document.documentElement.lang || 'fr';
  var plural = new Intl.PluralRules(lang);
  var number = new Intl.NumberFormat(lang);
  var counters = document.querySelectorAll('[data-counter-for]');
  Array.prototype.forEach.call(counters, function (counter) {
    var field = document.getElementById(counter.getAttribute('data-counter-for'));
    if (!field) { return; }
    var maxChars = parseInt(counter.getAttribute('data-max-chars'), 10);
    var maxLines = parseInt(counter.getAttribute('data-max-lines') || '0', 10);
    var say = function (kind, n) {
      var category = plural.select(n) === 'one' ? 'one' : 'other';
      return (counter.getAttribute('data-' + kind + '-' + category) || '').replace('{n}', number.format(n));
    };
    var live = document.createElement('span');
    live.className = 'visually-hidden';
    live.setAttribute('aria-live', 'polite');
    counter.parentNode.insertBefore(live, counter.nextSibling);
    var timer = null;
    var update = function () {
      // Counted as the server counts: Unicode characters, line breaks as one.
      var value = field.value.replace(/\r\n/g, '\n');
      var chars = Array.from(value).length;
      var text = chars > maxChars ? say('over', chars - maxChars) : say('left', maxChars - chars);
      var over = chars > maxChars;
      if (maxLines) {
        var lines = value.split('\n').filter(function (l) { return l.trim() !== ''; }).length;
        text += ' · ' + say('lines', lines);
        over = over || lines > maxLines;
      }
      counter.textContent = text;
      counter.classList.toggle('over', over);
      clearTimeout(timer);
      timer = setTimeout(function () { live.textContent = text; }, 1000);
    };
    field.addEventListener('input', update);
  });
})();

// Tables of items (the criteria of a grid): the page ends with blank rows; this button appends
// one more, numbered like the others, without leaving the page.
(function () {
  'use strict';
  var tables = document.querySelectorAll('table[data-rows]');
  Array.prototype.forEach.call(tables, function (table) {
    var tbody = table.tBodies[0];
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = table.getAttribute('data-add-row');
    table.parentNode.insertBefore(button, table.nextSibling);
    button.addEventListener('click', function () {
      var last = tbody.rows[tbody.rows.length - 1];
      var row = last.cloneNode(true);
      var n = tbody.rows.length + 1;
      var header = row.querySelector('th');
      header.textContent = header.getAttribute('data-row-label') + ' ' + n;
      Array.prototype.forEach.call(row.querySelectorAll('input'), function (input) {
        input.id = 'f-' + input.name + '-' + n;
        input.value = '';
        input.removeAttribute('aria-invalid');
      });
      Array.prototype.forEach.call(row.querySelectorAll('label'), function (label) {
        var input = label.parentNode.querySelector('input');
        label.htmlFor = input.id;
        var hidden = label.querySelector('.visually-hidden');
        if (hidden) { hidden.textContent = ' (' + header.textContent + ')'; }
      });
      tbody.appendChild(row);
      row.querySelector('input').focus();
    });
  });
})();
