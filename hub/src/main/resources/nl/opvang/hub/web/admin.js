// Admin page: accounts and nodes. Every text from the server goes in through textContent, never as HTML.
'use strict';

(function () {
  var ROLES = { ct: 'CT', veilig_thuis: 'Veilig Thuis', vo_desk: 'VO-loket', night_staff: 'Nachtdienst', admin: 'Beheerder' };
  var FRESHNESS = { live: 'live', stale: 'stil', offline: 'geen contact' };
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' });
  var csrf = null;
  var me = null;

  function element(tag, text, label) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
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
      row.appendChild(element('td', ROLES[user.role] || user.role, 'Rol'));
      row.appendChild(element('td', user.scope || '—', 'Locatie of aanbieder'));
      row.appendChild(element('td', user.secondFactor ? 'ingesteld' : 'geen', 'Code-app'));
      row.appendChild(element('td', user.disabled ? 'uitgeschakeld' : 'actief', 'Status'));
      var actions = element('td', null, 'Acties');
      if (!user.disabled && user.username !== me) {
        actions.appendChild(action('Uitschakelen', 'Uitschakelen: ' + user.username, function () {
          call('POST', '/api/v1/admin/users/' + encodeURIComponent(user.username) + '/disable').then(function () {
            show('notice', user.username + ' is uitgeschakeld; de sessies zijn beëindigd.');
            return loadUsers();
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
      row.appendChild(element('td', node.code, 'Node'));
      row.appendChild(element('td', node.site, 'Locatie'));
      row.appendChild(element('td', FRESHNESS[node.freshness] || node.freshness, 'Status'));
      row.appendChild(element('td', node.lastSeenAt ? TIME.format(new Date(node.lastSeenAt)) : 'nooit', 'Laatst gehoord'));
      row.appendChild(element('td', node.software || '—', 'Software'));
      var mismatch = element('td', node.mismatch || 'geen', 'Afwijking');
      if (node.mismatch) {
        mismatch.className = 'bad';
      }
      row.appendChild(mismatch);
      body.appendChild(row);
    });
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

  function logout() {
    call('POST', '/api/v1/logout').then(function () {
      window.location.href = '/login';
    }).catch(failed);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('new-user').addEventListener('submit', create);
    document.getElementById('logout').addEventListener('click', logout);
    call('GET', '/api/v1/audit/status').then(renderAuditStatus).catch(failed);
    call('GET', '/api/v1/session').then(function (session) {
      csrf = session.csrfToken;
      me = session.username;
      document.getElementById('who').textContent = session.displayName + ' (' + session.username + ')';
      return Promise.all([loadUsers(), call('GET', '/api/v1/admin/nodes').then(renderNodes)]);
    }).then(function () {
      document.body.setAttribute('data-loaded', 'true');
    }).catch(failed);
  });
}());
