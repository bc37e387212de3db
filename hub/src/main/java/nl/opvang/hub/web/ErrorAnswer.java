package nl.opvang.hub.web;

/** The one shape of every JSON error body: {@code {"error": "..."}}. */
record ErrorAnswer(String error) {
}
