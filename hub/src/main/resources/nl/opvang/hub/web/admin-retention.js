// Admin page, retention table (issue 17, docs/DESIGN.md §5): every kind of data, how long it is kept, why and where,
// read-only, from GET /api/v1/admin/retention. Every text from the server goes in through textContent, never as HTML.
'use strict';

(function () {
  function cell(text, label, setting) {
    var node = opvang.element('td', null, text);
    node.setAttribute('data-label', label);
    if (setting) {
      node.appendChild(opvang.element('p', 'hint', 'Instelbaar: ' + setting));
    }
    return node;
  }

  function render(answer) {
    var body = document.getElementById('retention');
    body.textContent = '';
    answer.rules.forEach(function (rule) {
      var row = document.createElement('tr');
      row.setAttribute('data-kind', rule.kind);
      var name = opvang.element('th', null, rule.name);
      name.setAttribute('scope', 'row');
      name.setAttribute('data-label', 'Soort gegevens');
      row.appendChild(name);
      row.appendChild(cell(rule.period, 'Termijn'));
      row.appendChild(cell(rule.reason, 'Waarom'));
      row.appendChild(cell(rule.where, 'Waar', rule.setting));
      body.appendChild(row);
    });
  }

  function load() {
    opvang.getJson('/api/v1/admin/retention')
      .then(render)
      .catch(function (error) {
        var message = document.getElementById('retention-error');
        message.textContent = 'Bewaartermijnen niet geladen: ' + error.message;
        message.hidden = false;
      });
  }

  document.addEventListener('DOMContentLoaded', load);
})();
