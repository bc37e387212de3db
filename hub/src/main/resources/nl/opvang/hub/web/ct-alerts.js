// CT alerts (docs/DESIGN.md §6): a short list, newest first, derived from what the page already receives: a kind of
// place that is full at a live location, a location without live contact, a request about to expire ("Verloopt, nog
// 12 min", opvang.timeLeft), a request that hit a conflict (until its requester closes it). Each alert goes away by
// itself when its cause does; past the first three (one on a phone) they wait behind "Alle meldingen (N)". Text through textContent.
'use strict';

(function () {
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  // A request with this little time left is worth a look (holds expire after two hours by default).
  var EXPIRING_MS = 15 * 60 * 1000;
  // Conflicts of requests older than a night are history, not an alert.
  var CONFLICT_WINDOW_MS = 12 * 60 * 60 * 1000;
  var locations = [];
  var holds = [];
  var skew = 0;
  // When this page first saw each alert: "newest first" for alerts that carry no time of their own.
  var firstSeen = new Map();
  var shown = '';
  // How many alerts show before "Alle meldingen (N)", and whether that was pressed.
  var FIRST = 3;
  var FIRST_ON_A_PHONE = 1;
  var all = false;

  function first() {
    return window.matchMedia('(max-width: 44rem)').matches ? FIRST_ON_A_PHONE : FIRST;
  }

  function now() {
    return Date.now() + skew;
  }

  function minutesAgo(iso) {
    return Math.max(0, Math.floor((now() - Date.parse(iso)) / 60000));
  }

  function current() {
    var alerts = [];
    locations.forEach(function (entry) {
      if (entry.freshness !== 'live') {
        var text;
        if (!entry.lastConfirmedAt) {
          text = 'Geen contact: ' + entry.name;
        } else if (entry.freshness === 'stale') {
          text = 'Geen live contact: ' + entry.name + ' (laatst bevestigd ' + minutesAgo(entry.lastConfirmedAt)
            + ' min geleden)';
        } else {
          text = 'Geen contact: ' + entry.name + ' (sinds ' + TIME.format(new Date(entry.lastConfirmedAt)) + ')';
        }
        alerts.push({ key: 'contact:' + entry.code, type: 'offline', text: text, at: entry.lastConfirmedAt });
        return;
      }
      entry.kinds.forEach(function (places) {
        if (places.capacity > 0 && places.free === 0) {
          alerts.push({ key: 'full:' + entry.code + ':' + places.kind, type: 'full',
            text: 'Vol: ' + entry.name + ' — geen ' + opvang.kind(places.kind) + ' ' + opvang.word('status.free') });
        }
      });
    });
    holds.forEach(function (hold) {
      var what = 'aanvraag ' + opvang.kind(hold.kind) + (hold.location ? ' bij ' + hold.location : '');
      if (hold.conflict) {
        // A conflict its requester has closed on this page has been seen.
        if (!hold.closedAt && now() - Date.parse(hold.createdAt) < CONFLICT_WINDOW_MS) {
          alerts.push({ key: 'conflict:' + hold.id, type: 'conflict', text: 'Conflict bij ' + what + ': ' + hold.conflict,
            at: hold.answeredAt || hold.createdAt });
        }
        return;
      }
      var left = Date.parse(hold.expiresAt) - now();
      if ((hold.state === 'requested' || hold.state === 'accepted') && left <= EXPIRING_MS) {
        alerts.push({ key: 'expiring:' + hold.id, type: 'expiring',
          text: (left > 0 ? 'Verloopt, ' + opvang.timeLeft(left) : opvang.capitalised(opvang.word('hold.expired'))) + ': ' + what + ' (' + (hold.state === 'accepted'
            ? opvang.word('hold.accepted') : 'zonder antwoord') + ')' });
      }
    });
    return alerts;
  }

  function render() {
    var list = document.getElementById('alert-list');
    var none = document.getElementById('no-alert');
    if (!list || !none) {
      return;
    }
    var alerts = current();
    var keys = new Set(alerts.map(function (alert) { return alert.key; }));
    Array.from(firstSeen.keys()).forEach(function (key) {
      if (!keys.has(key)) {
        firstSeen.delete(key);
      }
    });
    alerts.forEach(function (alert) {
      if (!firstSeen.has(alert.key)) {
        firstSeen.set(alert.key, now());
      }
      alert.time = alert.at ? Date.parse(alert.at) : firstSeen.get(alert.key);
    });
    alerts.sort(function (a, b) { return (b.time - a.time) || a.key.localeCompare(b.key); });
    // Redraw only on a change, so that a screen reader hears new alerts, not the same list every ten seconds.
    var signature = JSON.stringify([first()].concat(alerts.map(function (alert) { return [alert.key, alert.text]; })));
    if (signature === shown) {
      return;
    }
    shown = signature;
    list.textContent = '';
    alerts.forEach(function (alert, index) {
      var item = document.createElement('li');
      item.className = 'alert ' + alert.type;
      item.setAttribute('data-alert', alert.key);
      item.textContent = TIME.format(new Date(alert.time)) + ' · ' + alert.text;
      item.hidden = !all && index >= first();
      list.appendChild(item);
    });
    none.hidden = alerts.length > 0;
    showMore(alerts.length);
  }

  // Past the first few, the rest of the alerts behind one button, so that the free places stay on a phone's first
  // screen (issue 15).
  function showMore(count) {
    var more = document.getElementById('alert-more');
    if (!more) {
      return;
    }
    more.hidden = count <= first();
    more.textContent = all ? 'Minder meldingen' : 'Alle meldingen (' + count + ')';
    more.setAttribute('aria-expanded', all ? 'true' : 'false');
  }

  document.addEventListener('opvang:locations', function (event) {
    locations = event.detail.locations;
    skew = event.detail.skew;
    render();
  });
  document.addEventListener('opvang:holds', function (event) {
    holds = event.detail;
    render();
  });
  document.addEventListener('DOMContentLoaded', function () {
    var more = document.getElementById('alert-more');
    if (more) {
      more.addEventListener('click', function () {
        all = !all;
        shown = '';
        render();
      });
    }
    setInterval(render, 10000);
  });
}());
