package nl.opvang.hub.http;

/** The one shape of every JSON error body: {@code {"error": "..."}}. */
public record ErrorAnswer(String error) {
}
