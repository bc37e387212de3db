// Shared by the hub's live pages (CT, Veilig Thuis, VO desk); loaded before their own scripts.
'use strict';

window.opvang = (function () {
  // Requests that change something carry the session's CSRF token (the hub refuses them without it).
  var csrf = '';
  fetch('/api/v1/session', { credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (session) { csrf = session.csrfToken || ''; });

  // Every text from the server goes in through textContent, never as HTML.
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  // An EventSource that lets go of its connection when the page is left. A page kept in the back/forward cache keeps
  // its stream open; with HTTP/1.1's six connections per host a few such pages starve the next page's requests (a VO
  // desk's answer then hangs). Shown again from the cache, the page loads afresh.
  // The hub ends a stream when its session ends (30 minutes without use: an open stream is not use); the reconnect is
  // then refused and EventSource gives up. Asking for the session then tells whether to go to the login page.
  function stream(url) {
    var source = new EventSource(url);
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        fetch('/api/v1/session', { credentials: 'same-origin' }).then(function (response) {
          if (response.status === 401) {
            window.location.href = '/login';
          }
        });
      }
    });
    window.addEventListener('pagehide', function () { source.close(); });
    window.addEventListener('pageshow', function (event) {
      if (event.persisted) {
        window.location.reload();
      }
    });
    return source;
  }

  return { csrf: function () { return csrf; }, element: element, stream: stream };
})();
