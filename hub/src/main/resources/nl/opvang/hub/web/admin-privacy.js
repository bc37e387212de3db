// Admin page, open privacy requests (issue 17, docs/DESIGN.md §5): reference, right, location and deadline, read-only.
// The privacy officer carries them out on /privacy; an admin sees that they are answered in time.
'use strict';

(function () {
  var RIGHTS = { access: 'Inzage', erasure: 'Verwijderen', restriction: 'Beperken' };

  function render(answer) {
    var body = document.getElementById('privacy-requests');
    body.textContent = '';
    var open = answer.requests.filter(function (request) { return request.open; });
    open.forEach(function (request) {
      var row = document.createElement('tr');
      var left = Date.parse(request.deadline) - Date.now();
      [[request.reference, 'Kenmerk', 'th'], [RIGHTS[request.right] || request.right, 'Verzoek'],
        [request.location, 'Locatie'], [new Date(request.deadline).toLocaleDateString('nl-NL', { timeZone:
          'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' })
          + (left < 48 * 3600 * 1000 ? ' (' + opvang.timeLeft(left) + ')' : ''), 'Uiterlijk']].forEach(function (c) {
        var node = opvang.element(c[2] || 'td', null, c[0]);
        node.setAttribute('data-label', c[1]);
        if (c[2]) {
          node.setAttribute('scope', 'row');
        }
        row.appendChild(node);
      });
      body.appendChild(row);
    });
    document.getElementById('privacy-empty').hidden = open.length > 0;
  }

  function load() {
    opvang.getJson('/api/v1/privacy/requests')
      .then(render)
      .catch(function (error) {
        var message = document.getElementById('privacy-error');
        message.textContent = 'Privacyverzoeken niet geladen: ' + error.message;
        message.hidden = false;
      });
  }

  document.addEventListener('DOMContentLoaded', load);
})();
