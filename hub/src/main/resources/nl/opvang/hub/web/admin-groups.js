// Admin page, whom a location's places are for (issue 14 item 1): the target groups of a location and a kind's own
// groups, ticked from the closed list. Every text from the server goes in through textContent, never as HTML.
'use strict';

(function () {
  var GROUPS = ['men', 'women', 'families', 'young_mothers', 'under_18', 'age_18_23', 'trafficking', 'addiction', 'pets',
    'wheelchair'];
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' });
  var locations = [];
  var csrf = null;

  function show(id, text) {
    var node = document.getElementById(id);
    node.textContent = text || '';
    node.hidden = !text;
  }

  function words(groups) {
    return groups.length === 0 ? '—' : groups.map(function (group) { return opvang.word('group.' + group); }).join(', ');
  }

  function cell(text, label) {
    var node = opvang.element('td', null, text);
    node.setAttribute('data-label', label);
    return node;
  }

  function call(method, path, body) {
    var options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET') {
      options.headers['X-CSRF-Token'] = csrf;
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          throw new Error(json.error || 'Er ging iets mis.');
        }
        return json;
      });
    });
  }

  function render() {
    var body = document.getElementById('groups');
    var select = document.getElementById('groups-location');
    var chosen = select.value;
    body.textContent = '';
    select.textContent = '';
    locations.forEach(function (location) {
      var row = document.createElement('tr');
      row.setAttribute('data-code', location.code);
      row.appendChild(cell(location.name + ' (' + location.code + ')', 'Locatie'));
      row.appendChild(cell(words(location.groups), 'Doelgroepen'));
      var own = Object.keys(location.groupsByKind).map(function (kind) {
        return opvang.word('kind.' + kind) + ': ' + words(location.groupsByKind[kind]);
      });
      row.appendChild(cell(own.length === 0 ? 'zoals de locatie' : own.join('; '), 'Per soort plek'));
      row.appendChild(cell(location.editedAt ? TIME.format(new Date(location.editedAt)) : 'regiobestand', 'Gewijzigd'));
      body.appendChild(row);
      var option = document.createElement('option');
      option.value = location.code;
      option.textContent = location.name;
      select.appendChild(option);
    });
    if (chosen) {
      select.value = chosen;
    }
    fill();
  }

  function boxes(parent, prefix, ticked) {
    GROUPS.forEach(function (group) {
      var id = prefix + '-' + group;
      var box = opvang.element('input');
      box.type = 'checkbox';
      box.id = id;
      box.value = group;
      box.checked = ticked.indexOf(group) >= 0;
      var label = opvang.element('label', null, opvang.word('group.' + group));
      label.htmlFor = id;
      var item = opvang.element('span', 'choice');
      item.appendChild(box);
      item.appendChild(label);
      parent.appendChild(item);
    });
  }

  function ticked(parent) {
    return Array.prototype.map.call(parent.querySelectorAll('input:checked'), function (box) { return box.value; });
  }

  // The chosen location's groups as ticked boxes; per kind its own groups (none ticked: as the location).
  function fill() {
    var location = locations.filter(function (each) {
      return each.code === document.getElementById('groups-location').value;
    })[0];
    var own = document.getElementById('groups-own');
    own.querySelectorAll('.choice').forEach(function (node) { node.remove(); });
    var kinds = document.getElementById('groups-kinds');
    kinds.textContent = '';
    if (!location) {
      return;
    }
    boxes(own, 'group', location.groups);
    location.kinds.forEach(function (kind) {
      var set = opvang.element('fieldset', 'groups');
      set.setAttribute('data-kind', kind);
      set.appendChild(opvang.element('legend', null, 'Eigen doelgroepen voor ' + opvang.word('kind.' + kind)
        + ' (niets aangevinkt: zoals de locatie)'));
      boxes(set, 'kind-' + kind, location.groupsByKind[kind] || []);
      kinds.appendChild(set);
    });
  }

  function load() {
    return call('GET', '/api/v1/admin/groups').then(function (answer) {
      locations = answer.locations;
      render();
    });
  }

  function save(event) {
    event.preventDefault();
    var select = document.getElementById('groups-location');
    var byKind = {};
    document.querySelectorAll('#groups-kinds fieldset').forEach(function (set) {
      var chosen = ticked(set);
      if (chosen.length > 0) {
        byKind[set.getAttribute('data-kind')] = chosen;
      }
    });
    var body = { groups: ticked(document.getElementById('groups-own')), groupsByKind: byKind };
    show('groups-error', '');
    call('PUT', '/api/v1/locations/' + encodeURIComponent(select.value) + '/groups', body).then(function () {
      show('notice', 'De doelgroepen van ' + select.options[select.selectedIndex].textContent + ' zijn opgeslagen.');
      return load();
    }).catch(function (error) {
      show('groups-error', error.message);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('groups-form').addEventListener('submit', save);
    document.getElementById('groups-location').addEventListener('change', fill);
    call('GET', '/api/v1/session').then(function (session) {
      csrf = session.csrfToken;
      return load();
    }).then(function () {
      document.body.setAttribute('data-groups-loaded', 'true');
    }).catch(function (error) {
      show('groups-error', error.message);
    });
  });
}());
