// CT: the active placement requests, newest first, live from the holds stream. Text through textContent only.
'use strict';

(function () {
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  var STATES = { requested: 'aangevraagd', accepted: 'geaccepteerd', refused: 'geweigerd', expired: 'verlopen',
    cancelled: 'ingetrokken', fulfilled: 'opgenomen' };
  var WORDS = { regular: 'plek', crisis: 'crisisplek', nood: 'noodbed', opstart: 'opstartplek', family: 'gezinsplek' };
  var holds = new Map();
  var list, none;

  function render() {
    list.textContent = '';
    var shown = Array.from(holds.values())
      .filter(function (hold) { return hold.state === 'requested' || hold.state === 'accepted' || hold.conflict; })
      .sort(function (a, b) { return a.createdAt < b.createdAt ? 1 : -1; });
    none.hidden = shown.length > 0;
    shown.forEach(function (hold) {
      var item = document.createElement('li');
      item.setAttribute('data-hold', hold.id);
      item.textContent = TIME.format(new Date(hold.createdAt)) + ' · ' + (WORDS[hold.kind] || hold.kind) + ' · '
        + (hold.location || '') + ' · ' + hold.requesterRole + ' · ' + STATES[hold.state]
        + (hold.conflict ? ' — ' + hold.conflict : '');
      list.appendChild(item);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    list = document.getElementById('hold-list');
    none = document.getElementById('no-hold');
    if (!list || typeof EventSource === 'undefined') {
      return;
    }
    var source = new EventSource('/api/v1/holds/stream');
    // A page kept in the back/forward cache keeps its stream open; with HTTP/1.1's six connections per host a few
    // such pages starve the next page's requests (a VO desk's answer then hangs). Close it on leaving; shown again
    // from the cache, the page loads afresh.
    window.addEventListener('pagehide', function () { source.close(); });
    window.addEventListener('pageshow', function (event) {
      if (event.persisted) {
        window.location.reload();
      }
    });
    source.addEventListener('holds', function (event) {
      holds.clear();
      JSON.parse(event.data).holds.forEach(function (hold) { holds.set(hold.id, hold); });
      render();
    });
    source.addEventListener('hold', function (event) {
      var hold = JSON.parse(event.data);
      holds.set(hold.id, hold);
      render();
    });
  });
}());
