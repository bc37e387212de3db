package nl.opvang.device.kiosk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import nl.opvang.device.node.CountPlace;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.NodeStoreException;
import nl.opvang.device.node.OperationRefused;
import nl.opvang.protocol.Check;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.protocol.TurnAwayReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk page's JSON API under {@code /api/}. Every change needs the unlocked session cookie and its CSRF token;
 * refusals come back as one Dutch sentence. Request bodies are never logged: they may hold a pass number.
 */
final class KioskApi {
    private static final Logger LOG = LoggerFactory.getLogger(KioskApi.class);
    private static final Set<String> MARKABLE = Set.of("free", "cleaning", "out_of_service");

    private final Node node;
    private final Sessions sessions;
    private final PassSlot passes;
    private final StateView view;
    private final String problem;

    /** An API for a running node, or for none: then {@code problem} says in Dutch why, and every change is refused. */
    KioskApi(Node node, Sessions sessions, PassSlot passes, StateView view, String problem) {
        this.node = node;
        this.sessions = sessions;
        this.passes = passes;
        this.view = view;
        this.problem = problem;
    }

    void handle(Exchange exchange) throws IOException {
        String path = exchange.path();
        if ("GET".equals(exchange.method()) && "/api/state".equals(path)) {
            state(exchange);
            return;
        }
        if (!"POST".equals(exchange.method())) {
            exchange.error(405, "Deze vraag kent de kiosk niet.");
            return;
        }
        if ("/api/unlock".equals(path)) {
            unlock(exchange);
            return;
        }
        String cookie = exchange.cookie(Exchange.SESSION_COOKIE).orElse(null);
        Sessions.Access access = sessions.authorise(cookie, exchange.header(Exchange.CSRF_HEADER).orElse(null));
        if (access == Sessions.Access.LOCKED) {
            exchange.error(401, "De kiosk is vergrendeld. Voer de pincode in.");
            return;
        }
        if (access == Sessions.Access.BAD_CSRF) {
            exchange.error(403, "Deze vraag komt niet van de kiosk. Laad de pagina opnieuw.");
            return;
        }
        if (node == null) {
            exchange.error(503, problem);
            return;
        }
        try {
            change(exchange, path);
        } catch (OperationRefused e) {
            exchange.error(409, Dutch.refusal(e.getMessage()));
        } catch (ProtocolException | IllegalArgumentException e) {
            exchange.error(400, "Dat klopt niet: controleer wat is ingevuld. Er is niets bewaard.");
        } catch (NodeStoreException e) {
            LOG.error("kiosk could not store a change: {}", e.getMessage());
            exchange.error(500, Dutch.STORE_FAILED);
        }
    }

    private void change(Exchange exchange, String path) throws IOException {
        KioskRequest body = exchange.body();
        switch (path) {
            case "/api/lock" -> {
                sessions.lock();
                passes.disarm();
                exchange.clearSessionCookie();
                ok(exchange, "Vergrendeld");
            }
            case "/api/activity" -> ok(exchange, "");
            case "/api/reader/arm" -> {
                passes.arm();
                ok(exchange, "");
            }
            case "/api/reader/disarm" -> {
                passes.disarm();
                ok(exchange, "");
            }
            case "/api/check-in" -> {
                // With a hold: an expected arrival checked in, on a bed or (none given) a count-only place of its kind.
                String bed = body.hold() == null ? text("bed", body.bed()) : optional(body.bed());
                if (body.hold() == null) {
                    node.checkIn(bed, pass(body), optional(body.origin()));
                } else {
                    node.checkInHold(hold(body), bed, pass(body), optional(body.origin()));
                }
                passes.disarm();
                ok(exchange, bed == null ? "Ingecheckt" : "Ingecheckt in bed " + bed);
            }
            case "/api/check-out" -> {
                String bed = text("bed", body.bed());
                node.checkOut(bed, pass(body), optional(body.destination()));
                passes.disarm();
                ok(exchange, "Uitgecheckt uit bed " + bed);
            }
            case "/api/check-out-without-pass" -> checkOutWithoutPass(exchange, body);
            case "/api/bed-status" -> {
                String bed = text("bed", body.bed());
                String status = text("status", body.status());
                if (!MARKABLE.contains(status)) {
                    throw new IllegalArgumentException("status " + status);
                }
                PlaceStatus next = PlaceStatus.fromWire("status", status);
                node.bedStatus(bed, next);
                ok(exchange, "Bed " + bed + ": " + Dutch.status(next));
            }
            case "/api/turn-away" -> {
                node.turnAway(TurnAwayReason.fromWire("reason", text("reason", body.reason())), null);
                ok(exchange, "Niet opgenomen: genoteerd");
            }
            case "/api/holds/accept" -> {
                node.acceptHold(hold(body), optional(body.bed()), text("instructions", body.instructions()));
                ok(exchange, "Aanvraag geaccepteerd");
            }
            case "/api/holds/refuse" -> {
                node.refuseHold(hold(body), text("reason", body.reason()));
                ok(exchange, "Aanvraag geweigerd");
            }
            case "/api/privacy" -> privacy(exchange, body);
            case "/api/nood/open" -> {
                Instant until = NoodView.until(body.date(), body.time());
                node.openNood(body.capacity(), until, "kiosk");
                ok(exchange, Dutch.word("nood.opened").replace("{0}", Dutch.dayTime(until)));
            }
            case "/api/nood/close" -> {
                node.closeNood("kiosk");
                boolean closing = node.nood().map(CountPlace::closing).orElse(false);
                ok(exchange, Dutch.word(closing ? "nood.closingNow" : "nood.closedNow"));
            }
            default -> exchange.error(404, "Deze vraag kent de kiosk niet.");
        }
    }

    /** Ends a stay without the pass once staff typed their PIN again (issue 15 item 8); a wrong PIN changes nothing. */
    private void checkOutWithoutPass(Exchange exchange, KioskRequest body) throws IOException {
        String bed = text("bed", body.bed());
        if (!confirmed(exchange, body, "Er is niets veranderd.")) {
            return;
        }
        node.checkOutWithoutPass(bed, optional(body.destination()));
        passes.disarm();
        ok(exchange, "Uitgecheckt uit bed " + bed + " zonder pas");
    }

    /**
     * A rights request (issue 17): staff confirm it with the PIN once more, so a guest at an unlocked kiosk cannot send
     * one; a wrong PIN sends nothing. The answer is the reference to quote and, for access, this location's own data.
     */
    private void privacy(Exchange exchange, KioskRequest body) throws IOException {
        String right = text("right", body.right());
        if (!Payload.PrivacyRequest.RIGHTS.contains(right)) {
            throw new IllegalArgumentException("right " + right);
        }
        if (!confirmed(exchange, body, "Er is niets verstuurd.")) {
            return;
        }
        Node.PrivacyAnswer answer = node.privacyRequest(right, pass(body));
        passes.disarm();
        ObjectNode out = exchange.object();
        out.put("ok", true);
        out.put("reference", answer.reference());
        out.put("message", Dutch.privacy(right, answer.reference(), answer.local()));
        exchange.json(200, out);
    }

    /**
     * Whether staff typed their PIN again (a wrong one counts towards the same wait as unlocking); if not, the answer
     * (403, or 429 while the wait lasts) says so, ending with {@code nothingDone}.
     */
    private boolean confirmed(Exchange exchange, KioskRequest body, String nothingDone) throws IOException {
        Sessions.Unlock pin = sessions.confirm(Objects.requireNonNullElse(body.pin(), ""));
        if (pin.waitSeconds() > 0) {
            exchange.error(429, "Te vaak een verkeerde pincode. Wacht " + pin.waitSeconds() + " seconden. " + nothingDone);
            return false;
        }
        if (!pin.unlocked()) {
            exchange.error(403, "Verkeerde pincode. " + nothingDone);
            return false;
        }
        return true;
    }

    private void state(Exchange exchange) throws IOException {
        String cookie = exchange.cookie(Exchange.SESSION_COOKIE).orElse(null);
        boolean unlocked = node != null && sessions.unlocked(cookie);
        ObjectNode out = exchange.object();
        out.put("locked", !unlocked);
        out.put("pinConfigured", sessions.pinConfigured());
        if (problem != null) {
            out.put("problem", problem);
        } else if (!sessions.pinConfigured()) {
            out.put("problem", "Er is geen pincode ingesteld, dus de kiosk blijft vergrendeld. Bel de beheerder.");
        }
        if (unlocked) {
            out.put("csrf", sessions.csrf(cookie).orElse(""));
            out.put("secondsUntilLock", sessions.secondsUntilLock());
        }
        if (node != null) {
            view.write(out, unlocked);
        }
        exchange.json(200, out);
    }

    private void unlock(Exchange exchange) throws IOException {
        if (node == null) {
            exchange.error(503, problem);
            return;
        }
        Sessions.Unlock result = sessions.unlock(Objects.requireNonNullElse(exchange.body().pin(), ""));
        if (result.unlocked()) {
            exchange.setSessionCookie(result.sessionId());
            ObjectNode out = exchange.object();
            out.put("csrf", result.csrfToken());
            exchange.json(200, out);
        } else if (result.waitSeconds() > 0) {
            ObjectNode out = exchange.object();
            out.put("error", "Te vaak een verkeerde pincode. Wacht " + result.waitSeconds() + " seconden.");
            out.put("retryAfterSeconds", result.waitSeconds());
            exchange.json(429, out);
        } else {
            exchange.error(401, "Verkeerde pincode");
        }
    }

    /** The typed pass number, or the one the reader read for this dialog; the number goes to the node and nowhere else. */
    private String pass(KioskRequest body) {
        if (body.readerPass()) {
            return passes.take().orElseThrow(() -> new OperationRefused("no pass number given"));
        }
        String typed = Objects.requireNonNullElse(body.pass(), "").strip();
        if (!typed.matches("[0-9A-Za-z]{1,32}")) {
            throw new OperationRefused("no pass number given");
        }
        return typed;
    }

    private static UUID hold(KioskRequest body) {
        return UUID.fromString(Check.matches("hold", text("hold", body.hold()), Check.UUID));
    }

    private static String text(String field, String value) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return stripped;
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void ok(Exchange exchange, String dutch) throws IOException {
        ObjectNode out = exchange.object();
        out.put("ok", true);
        out.put("message", dutch);
        exchange.json(200, out);
    }
}
