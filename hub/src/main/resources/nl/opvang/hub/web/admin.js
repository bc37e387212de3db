// Admin page: accounts, nodes and the messages the hub refused. Every text from the server goes in through textContent, never as HTML.
'use strict';

(function () {
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' });
  var csrf = null;
  var me = null;

  function element(tag, text, label) {
    var node = opvang.element(tag, null, text);
    if (label) {
      node.setAttribute('data-label', label);
    }
    return node;
  }

  function show(id, text) {
    var node = document.getElementById(id);
    node.textContent = text || '';
    node.hidden = !text;
  }

  function call(method, path, body) {
    var options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET') {
      options.headers['X-CSRF-Token'] = csrf;
    }
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      if (response.status === 401) {
        window.location.href = '/login';
        throw new Error('Je sessie is verlopen. Log opnieuw in.');
      }
      if (response.status === 204) {
        return null;
      }
      return response.json().then(function (json) {
        if (!response.ok) {
          throw new Error(json.error || 'Er ging iets mis.');
        }
        return json;
      });
    });
  }

  function failed(error) {
    show('error', error.message);
  }

  function action(text, label, handler) {
    var button = element('button', text);
    button.type = 'button';
    button.className = 'secondary';
    button.setAttribute('aria-label', label);
    button.addEventListener('click', handler);
    return button;
  }

  function renderUsers(users) {
    var body = document.getElementById('users');
    body.textContent = '';
    users.forEach(function (user) {
      var row = element('tr');
      row.setAttribute('data-username', user.username);
      row.appendChild(element('td', user.username, 'Gebruikersnaam'));
      row.appendChild(element('td', user.displayName, 'Naam'));
      row.appendChild(element('td', opvang.word('role.' + user.role, user.role), 'Rol'));
      row.appendChild(element('td', user.scope || '—', 'Locatie of aanbieder'));
      row.appendChild(element('td', user.secondFactor ? 'ingesteld' : 'geen', 'Code-app'));
      row.appendChild(element('td', user.disabled ? 'uitgeschakeld' : 'actief', 'Toegang'));
      var actions = element('td', null, 'Acties');
      if (!user.disabled && user.username !== me) {
        actions.appendChild(action('Uitschakelen', 'Uitschakelen: ' + user.username, function () {
          call('POST', '/api/v1/admin/users/' + encodeURIComponent(user.username) + '/disable').then(function () {
            show('notice', user.username + ' is uitgeschakeld; de sessies zijn beëindigd.');
            return loadUsers();
          }).catch(failed);
        }));
      }
      if (!user.disabled && user.username !== me) {
        actions.appendChild(action('Nieuw wachtwoord', 'Nieuw wachtwoord: ' + user.username, function () {
          call('POST', '/api/v1/admin/users/' + encodeURIComponent(user.username) + '/password').then(function (answer) {
            show('notice', 'Nieuw wachtwoord voor ' + answer.username + ' (eenmalig getoond, geef het persoonlijk door): '
              + answer.password + '. Het oude werkt niet meer; de sessies zijn beëindigd.');
            return loadLogins();
          }).catch(failed);
        }));
      }
      actions.appendChild(action('Code-app opnieuw instellen', 'Code-app opnieuw instellen: ' + user.username,
        function () {
          call('POST', '/api/v1/admin/users/' + encodeURIComponent(user.username) + '/totp').then(function (answer) {
            show('notice', 'Nieuwe code-app voor ' + answer.username + ' (eenmalig getoond, voer in de app in): '
              + answer.otpauthUri);
            return loadUsers();
          }).catch(failed);
        }));
      row.appendChild(actions);
      body.appendChild(row);
    });
  }

  function renderNodes(nodes) {
    var body = document.getElementById('nodes');
    body.textContent = '';
    nodes.forEach(function (node) {
      var row = element('tr');
      row.appendChild(element('td', node.code, 'Apparaat'));
      row.appendChild(element('td', node.site, 'Locatie'));
      row.appendChild(element('td', opvang.word('freshness.' + node.freshness, node.freshness), 'Verbinding'));
      row.appendChild(element('td', node.lastSeenAt ? TIME.format(new Date(node.lastSeenAt)) : 'nooit', 'Laatst gehoord'));
      row.appendChild(element('td', node.software || '—', 'Versie'));
      var mismatch = element('td', node.mismatch || 'geen', 'Afwijking');
      if (node.mismatch) {
        mismatch.className = 'bad';
      }
      row.appendChild(mismatch);
      var refused = element('td', String(node.refusedLastWeek || 0), 'Geweigerd (7 dagen)');
      if (node.refusedLastWeek) {
        refused.className = 'bad';
      }
      row.appendChild(refused);
      body.appendChild(row);
    });
  }

  function renderRefused(refused) {
    var body = document.getElementById('refused');
    body.textContent = '';
    document.getElementById('refused-none').hidden = refused.length > 0;
    refused.forEach(function (event) {
      var row = element('tr');
      row.setAttribute('data-node', event.node);
      row.setAttribute('data-seq', String(event.seq));
      row.appendChild(element('td', TIME.format(new Date(event.receivedAt)), 'Ontvangen'));
      row.appendChild(element('td', event.node + (event.site ? ' (' + event.site + ')' : ''), 'Apparaat'));
      row.appendChild(element('td', String(event.seq), 'Volgnummer'));
      var kind = element('td', event.kind === 'conflict' ? 'Dubbele identiteit' : 'Geweigerd', 'Soort');
      kind.className = 'bad';
      row.appendChild(kind);
      // The reason in Dutch by its code (refused.<code> in the words), the technical text beneath it for whoever fixes it.
      var reason = element('td', null, 'Reden');
      reason.appendChild(element('span', opvang.word('refused.' + event.reasonCode, opvang.word('refused.other'))));
      var detail = element('small', event.reason);
      detail.className = 'detail';
      reason.appendChild(detail);
      row.appendChild(reason);
      var content = element('td', null, 'Inhoud');
      content.appendChild(element('code', (event.type || '') + ' ' + (event.body || '')));
      row.appendChild(content);
      body.appendChild(row);
    });
  }

  function renderLostEvents(gaps) {
    var body = document.getElementById('lost-events');
    body.textContent = '';
    if (gaps.length === 0) {
      var none = element('tr');
      var cell = element('td', 'Geen: alles wat de apparaten stuurden is bewaard.', 'Apparaat');
      cell.colSpan = 4;
      none.appendChild(cell);
      body.appendChild(none);
    }
    gaps.forEach(function (gap) {
      var row = element('tr');
      row.appendChild(element('td', gap.node, 'Apparaat'));
      row.appendChild(element('td', TIME.format(new Date(gap.at)), 'Vastgesteld'));
      row.appendChild(element('td', gap.from + ' t/m ' + gap.to, 'Volgnummers'));
      var count = element('td', String(gap.events), 'Aantal');
      count.className = 'bad';
      row.appendChild(count);
      body.appendChild(row);
    });
  }

  // The newest logins, failed logins and logouts (from the audit log), in words.
  var VIA = { 'via=form': 'inlogpagina', 'via=api': 'API' };
  function renderLogins(records) {
    var body = document.getElementById('logins');
    body.textContent = '';
    document.getElementById('logins-none').hidden = records.length > 0;
    records.forEach(function (record) {
      var row = element('tr');
      row.appendChild(element('td', TIME.format(new Date(record.at)), 'Tijd'));
      row.appendChild(element('td', record.username, 'Gebruiker'));
      var what = element('td', record.what, 'Wat');
      if (record.action !== 'login.ok' && record.action !== 'logout') {
        what.className = 'bad';
      }
      row.appendChild(what);
      row.appendChild(element('td', VIA[(record.detail || '').split(' ')[0]] || '—', 'Via'));
      body.appendChild(row);
    });
  }

  function loadLogins() {
    return call('GET', '/api/v1/admin/logins').then(renderLogins);
  }

  function loadUsers() {
    return call('GET', '/api/v1/admin/users').then(renderUsers);
  }

  function create(event) {
    event.preventDefault();
    var form = event.target;
    var body = {
      username: form.username.value.trim(),
      displayName: form.displayName.value.trim(),
      role: form.role.value,
      scope: form.scope.value.trim() || null,
      password: form.password.value || null
    };
    show('error', '');
    call('POST', '/api/v1/admin/users', body).then(function (answer) {
      var text = 'Gebruiker ' + answer.user.username + ' is aangemaakt.';
      if (answer.password) {
        text += ' Wachtwoord (eenmalig getoond): ' + answer.password + '.';
      }
      if (answer.otpauthUri) {
        text += ' Code-app (eenmalig getoond, voer in de app in): ' + answer.otpauthUri;
      }
      show('notice', text);
      form.reset();
      return loadUsers();
    }).catch(failed);
  }

  // The audit chain's start check (issue 11): a cut or rewritten audit log is told to every admin who opens this page.
  function renderAuditStatus(status) {
    if (status && !status.intact) {
      show('audit-alarm', 'De auditlog klopt niet met de ankers buiten de database' +
        (status.firstBroken ? ' (vanaf melding ' + status.firstBroken + ')' : '') +
        ': meldingen kunnen zijn verwijderd of veranderd. De centrale werkt door. Zie de auditlog (/admin/audit) en waarschuw de technisch beheerder.');
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('new-user').addEventListener('submit', create);
    call('GET', '/api/v1/audit/status').then(renderAuditStatus).catch(failed);
    call('GET', '/api/v1/session').then(function (session) {
      csrf = session.csrfToken;
      me = session.username;
      // Each section loads on its own: one that fails says so and does not keep the others from showing.
      return Promise.all([loadUsers(), call('GET', '/api/v1/admin/nodes').then(renderNodes),
        call('GET', '/api/v1/admin/lost-events').then(renderLostEvents),
        call('GET', '/api/v1/admin/refused').then(renderRefused), loadLogins()].map(function (section) {
        return section.catch(failed);
      }));
    }).then(function () {
      document.body.setAttribute('data-loaded', 'true');
    }).catch(failed);
  });
}());
