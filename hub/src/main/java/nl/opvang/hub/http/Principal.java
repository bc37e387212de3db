package nl.opvang.hub.http;

/**
 * Who is making a request: a personal account (no shared logins, docs/DESIGN.md §5) with its role and scope. Put on the
 * request by the authentication filter of the {@code account} feature and read by every feature through {@link
 * Access#principal}; it lives in the web kernel with {@link Role} so that features need not import
 * {@code account}.
 *
 * @param scope the site code for night staff, the provider for a VO desk, {@code null} for region-wide roles
 */
public record Principal(long accountId, String username, Role role, String scope) {
    /** The Javalin request attribute under which the authentication filter puts the caller's principal. */
    public static final String ATTRIBUTE = "opvang.principal";
}
