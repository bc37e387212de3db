// Stays past their limit (docs/DESIGN.md §4 "Long stays"): a VO crisis place or noodbed over 3 days, an MO place over
// 3 months. One script for the three places that show them, chosen by the section on the page: the CT page's compact
// "Langer dan 3 maanden" (#long-stays: the MO's stays one by one, the VO's as numbers), the VO desk's "Langer dan 3
// dagen" (#vo-stays: its own locations' stays) and the report's numbers per location (#report-stays), with the month's
// nights over the limit (#report-nights). No names and no
// tokens: a stay is a location, a kind, a bed and a start. Shown only when GET /api/v1/long-stays answers (CT, VO desk);
// another role never sees the section. Text through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var REFRESH_MS = 5 * 60 * 1000;
  var DATE = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short',
    hour: '2-digit', minute: '2-digit' });

  function days(count) {
    return count + (count === 1 ? ' dag' : ' dagen');
  }

  function limitText(answer, wire) {
    var limit = answer.limits.filter(function (each) { return each.limit === wire; })[0];
    return limit ? limit.text : wire;
  }

  function stayItem(stay) {
    var item = element('li', 'stay');
    item.setAttribute('data-location', stay.location);
    item.setAttribute('data-limit', stay.limit);
    item.appendChild(element('span', 'stay-where', stay.name + ' · ' + opvang.kind(stay.kind)
      + (stay.bed ? ' ' + stay.bed : '')));
    item.appendChild(element('span', 'stay-since', ' sinds ' + DATE.format(new Date(stay.since)) + ' · '
      + days(stay.days)));
    return item;
  }

  function countItem(answer, count) {
    var item = element('li', 'stay-count', count.name + ': ' + count.over + ' langer dan ' + limitText(answer, count.limit));
    item.setAttribute('data-location', count.location);
    item.setAttribute('data-limit', count.limit);
    return item;
  }

  // CT page and VO desk: the stays one by one, then the locations whose stays are shown as a number only.
  function renderList(section, answer, empty) {
    var list = section.querySelector('.stays');
    var none = section.querySelector('.empty');
    list.textContent = '';
    answer.stays.forEach(function (stay) { list.appendChild(stayItem(stay)); });
    var detailed = {};
    answer.stays.forEach(function (stay) { detailed[stay.location + '/' + stay.limit] = true; });
    answer.counts.forEach(function (count) {
      if (!detailed[count.location + '/' + count.limit]) {
        list.appendChild(countItem(answer, count));
      }
    });
    none.textContent = empty;
    none.hidden = list.childElementCount > 0;
  }

  // Report: a row per location and limit, the same numbers as the CSV.
  function renderTable(section, answer) {
    var body = section.querySelector('tbody');
    body.textContent = '';
    answer.counts.forEach(function (count) {
      var row = element('tr');
      row.setAttribute('data-location', count.location);
      var head = element('th', null, count.name);
      head.setAttribute('scope', 'row');
      row.appendChild(head);
      row.appendChild(element('td', null, limitText(answer, count.limit)));
      row.appendChild(element('td', 'number', String(count.over)));
      body.appendChild(row);
    });
    section.querySelector('.empty').hidden = answer.counts.length > 0;
    section.querySelector('.stays-when').textContent = 'Stand van ' + DATE.format(new Date(answer.generatedAt)) + '.';
  }

  // Report: the month's nights over the limit per location and limit (GET /api/v1/long-stays/nights, issue 14).
  function renderNights(section, answer) {
    var body = section.querySelector('#report-nights tbody');
    body.textContent = '';
    answer.rows.forEach(function (each) {
      var row = element('tr');
      row.setAttribute('data-location', each.location);
      var head = element('th', null, each.name);
      head.setAttribute('scope', 'row');
      row.appendChild(head);
      row.appendChild(element('td', null, limitText(answer, each.limit)));
      row.appendChild(element('td', 'number', String(each.nights)));
      body.appendChild(row);
    });
    section.querySelector('.nights-empty').hidden = answer.rows.length > 0;
    section.querySelector('.nights-month').textContent = 'Maand ' + answer.month + '.';
  }

  function loadNights(section) {
    opvang.getJson('/api/v1/long-stays/nights').then(function (answer) {
      renderNights(section, answer);
    }).catch(function () {
      section.querySelector('.nights-empty').hidden = false;
    });
  }

  function load(section, view) {
    fetch('/api/v1/long-stays', { credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Opvang-Background': '1' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        if (view === 'report') {
          renderTable(section, answer);
          loadNights(section);
        } else {
          renderList(section, answer, view === 'vo' ? 'Niemand langer dan 3 dagen op een crisisplek of noodbed.'
            : 'Niemand langer dan 3 maanden.');
        }
        section.hidden = false;
      })
      .catch(function () {
        section.hidden = true;
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    [['long-stays', 'ct'], ['vo-stays', 'vo'], ['report-stays', 'report']].forEach(function (each) {
      var section = document.getElementById(each[0]);
      if (!section) {
        return;
      }
      opvang.session().then(function (who) {
        // The CT page is also the VO desk's and night staff's overview: the MO's three months are the CT's matter.
        if (who.role !== (each[1] === 'vo' ? 'vo_desk' : 'ct')) {
          return;
        }
        load(section, each[1]);
        setInterval(function () { load(section, each[1]); }, REFRESH_MS);
      });
    });
  });
}());
