package nl.opvang.hub.placement;

import io.javalin.config.JavalinConfig;
import java.util.List;
import nl.opvang.hub.account.Principal;
import nl.opvang.hub.web.WebFeature;

/**
 * Test-only stand-in for the authentication filter: puts the principal named by the {@code X-Test-User} header on
 * the request, or {@code fallback} (for a browser, which cannot set headers on EventSource), or none.
 */
final class TestLogin implements WebFeature {
    static final String HEADER = "X-Test-User";

    private final List<Principal> accounts;
    private volatile Principal fallback;

    TestLogin(List<Principal> accounts, Principal fallback) {
        this.accounts = List.copyOf(accounts);
        this.fallback = fallback;
    }

    void fallback(Principal principal) {
        fallback = principal;
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.before(ctx -> {
            String username = ctx.header(HEADER);
            Principal principal = username == null ? fallback
                    : accounts.stream().filter(account -> account.username().equals(username)).findFirst().orElse(null);
            if (principal != null) {
                ctx.attribute(Principal.ATTRIBUTE, principal);
            }
        });
    }
}
