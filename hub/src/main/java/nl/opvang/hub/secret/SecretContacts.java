package nl.opvang.hub.secret;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact details of secret locations and the break-glass that opens them (docs/DESIGN.md §5). The contact is read
 * nowhere else: only {@link #breakGlass} returns it, and only together with an audit entry {@code secret.read} that
 * carries the stated reason, committed in the same transaction. Setting it is audited too, without its content. The
 * contact is structured ({@link SecretContact}): no free text that could carry an address (issue 11). What was stored
 * before as free text is not served, and {@link #retireFreeText} removes it at start; admins see which locations need
 * their contact entered again ({@link #states}).
 */
public final class SecretContacts {
    private static final Logger LOG = LoggerFactory.getLogger(SecretContacts.class);
    /** The audit action of a break-glass read. */
    public static final String READ = "secret.read";
    /** The audit action of a change of a contact text. */
    public static final String CHANGE = "secret.contact.set";
    /** The audit action of removing a contact stored as free text (issue 11), so that an admin enters it again. */
    public static final String RETIRED = "secret.contact.retired";
    static final int MIN_REASON = 10;
    static final int MAX_TEXT = 500;
    /** What replaces a retired row: no content, only that it must be entered again. */
    static final String REENTER = "{\"reenter\":true}";

    private final Database database;
    private final Registry registry;
    private final AuditLog audit;
    private final Clock clock;

    public SecretContacts(Database database, Registry registry, AuditLog audit, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    /** Sets (or with no phone number, clears) a secret location's contact; an admin's change, audited. */
    public void setContact(String code, SecretContact contact, Principal admin) {
        Location location = secretLocation(code);
        String text = contact.empty() ? "" : contact.stored();
        database.transaction(connection -> {
            if (text.isEmpty()) {
                SecretContactStore.delete(connection, location.code());
            } else {
                SecretContactStore.put(connection, location.code(), text, clock.millis());
            }
            audit.append(connection, admin.username(), CHANGE, location.code(), text.isEmpty() ? "cleared" : "set");
            return null;
        });
    }

    /**
     * Opens a secret location's contact details for {@code caller}, who states why (10 to 500 characters). The read
     * and its audit entry commit together: no details without the entry.
     */
    public ContactDetails breakGlass(String code, String reason, Principal caller) {
        Location location = secretLocation(code);
        String why = reason == null ? "" : reason.strip();
        if (why.length() < MIN_REASON || why.length() > MAX_TEXT) {
            throw new SecretException(SecretException.Problem.INVALID,
                    "Geef een reden van " + MIN_REASON + " tot " + MAX_TEXT + " tekens");
        }
        return database.transaction(connection -> {
            String stored = SecretContactStore.contact(connection, location.code()).orElse(null);
            audit.append(connection, caller.username(), READ, location.code(), why);
            Optional<SecretContact> contact = stored == null ? Optional.empty() : SecretContact.read(stored);
            return new ContactDetails(location.code(), location.name(), location.phone(),
                    contact.map(ContactDetails.Contact::of).orElse(null), stored != null && contact.isEmpty());
        });
    }

    /** Per secret location whether its contact is set, missing, or must be entered again; never its content. */
    public List<ContactState> states() {
        Map<String, String> stored = new HashMap<>();
        Map<String, Long> updated = new HashMap<>();
        for (SecretContactStore.Row row : database.transaction(SecretContactStore::all)) {
            stored.put(row.location(), row.contact());
            updated.put(row.location(), row.updatedMs());
        }
        List<ContactState> states = new ArrayList<>();
        for (Location location : registry.locations()) {
            if (location.secret()) {
                String text = stored.get(location.code());
                String state = text == null ? ContactState.MISSING
                        : SecretContact.read(text).isPresent() ? ContactState.SET : ContactState.REENTER;
                Long at = updated.get(location.code());
                states.add(new ContactState(location.code(), location.name(), state,
                        at == null ? null : Instant.ofEpochMilli(at)));
            }
        }
        return states;
    }

    /**
     * Removes every stored contact that does not pass today's checks (the free text of before, which may hold an
     * address), keeping only that it must be entered again; audited per location, without the content. SQLite's
     * {@code secure_delete} overwrites the old text in the database file. Returns how many were removed.
     */
    public int retireFreeText() {
        int retired = retire();
        if (retired > 0) {
            LOG.warn("{} contact(s) of secret locations were free text, which can hold an address: removed; an admin must"
                    + " enter them again on /admin", retired);
        }
        return retired;
    }

    private int retire() {
        return database.transaction(connection -> {
            List<String> retire = new ArrayList<>();
            for (SecretContactStore.Row row : SecretContactStore.all(connection)) {
                if (!row.contact().equals(REENTER) && SecretContact.read(row.contact()).isEmpty()) {
                    retire.add(row.location());
                }
            }
            if (retire.isEmpty()) {
                return 0;
            }
            SecretContactStore.secureDelete(connection, true);
            for (String code : retire) {
                SecretContactStore.replace(connection, code, REENTER, clock.millis());
                audit.append(connection, "hub", RETIRED, code, "free text removed: enter the contact again");
            }
            SecretContactStore.secureDelete(connection, false);
            return retire.size();
        });
    }

    /** A secret location's contact state for admins: {@link #SET}, {@link #MISSING} or {@link #REENTER}. */
    public record ContactState(String code, String name, String state, Instant updatedAt) {
        public static final String SET = "set";
        public static final String MISSING = "missing";
        public static final String REENTER = "reenter";
    }

    private Location secretLocation(String code) {
        Location location = registry.location(code)
                .orElseThrow(() -> new SecretException(SecretException.Problem.UNKNOWN, "Onbekende locatie"));
        if (!location.secret()) {
            throw new SecretException(SecretException.Problem.INVALID,
                    "Dit is geen geheime locatie: het telefoonnummer staat in het overzicht");
        }
        return location;
    }
}
