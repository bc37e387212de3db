// Shared by the hub's live pages (CT, Veilig Thuis, VO desk) and the admin page; loaded after /words.js and before
// their own scripts.
'use strict';

window.opvang = (function () {
  // The hub's Dutch words (/words.js, loaded just before this script, made from words.properties): a page says what
  // the server says (docs/DESIGN.md §6).
  var words = window.opvangWords || {};

  // Requests that change something carry the session's CSRF token (the hub refuses them without it).
  var csrf = '';
  fetch('/api/v1/session', { credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (session) { csrf = session.csrfToken || ''; });

  // The word under key ('hold.accepted' → 'geaccepteerd'); fallback (or the key) when there is none.
  function word(key, fallback) {
    if (Object.prototype.hasOwnProperty.call(words, key)) {
      return words[key];
    }
    return fallback === undefined ? key : fallback;
  }

  // A kind of place: 'crisisplek', or 'crisisplekken' for a count other than 1. An unknown kind shows its wire name.
  function kind(name, count) {
    return word('kind.' + name + (count === undefined || count === 1 ? '' : '.many'), name);
  }

  // 'Crisisplek': a column head, a state at the start of a line.
  function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // Every text from the server goes in through textContent, never as HTML: the pages' one way to put text on screen.
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

  // A phone as the region file writes it, '088 000 0200 (24/7)': a link that calls the number, the note beside it
  // (hub location/Phone: the number is what comes before the note in brackets). Without a number, the text alone.
  function phoneLink(phone) {
    var number = phone.split('(')[0].replace(/[^0-9+]/g, '');
    if (number.length < 6) {
      return element('span', null, phone);
    }
    var link = element('a', null, phone);
    link.setAttribute('href', 'tel:' + number);
    return link;
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

  // A request that changes something: body sent as JSON with the session's CSRF token; resolves to the answer's
  // status, whether it is a success (ok) and its JSON body, also when the hub refuses ({"error": …}).
  function send(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) {
        return { status: response.status, ok: response.ok, body: answer };
      });
    });
  }

  return {
    csrf: function () { return csrf; }, element: element, stream: stream, word: word, kind: kind, capitalised: capitalised,
    phoneLink: phoneLink, send: send
  };
})();
