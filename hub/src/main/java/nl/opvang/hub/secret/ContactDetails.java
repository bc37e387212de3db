package nl.opvang.hub.secret;

/**
 * What break-glass opens about a secret location: whom to call. Never an address (the hub stores none, DESIGN §5).
 *
 * @param contact the admin's text, e.g. "Dienstdoende VO-coördinator: 06-…"; {@code null} when none was set
 */
public record ContactDetails(String code, String name, String phone, String contact) {
}
