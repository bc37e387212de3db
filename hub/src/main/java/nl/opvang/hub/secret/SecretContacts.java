package nl.opvang.hub.secret;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.regex.Pattern;
import nl.opvang.hub.account.Principal;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;

/**
 * The contact details of secret locations and the break-glass that opens them (DESIGN §5). The contact text is read
 * nowhere else: only {@link #breakGlass} returns it, and only together with an audit entry {@code secret.read} that
 * carries the stated reason, committed in the same transaction. Setting the text is audited too, without the text.
 */
public final class SecretContacts {
    /** The audit action of a break-glass read. */
    public static final String READ = "secret.read";
    /** The audit action of a change of a contact text. */
    public static final String CHANGE = "secret.contact.set";
    static final int MIN_REASON = 10;
    static final int MAX_TEXT = 500;
    /** A Dutch postcode ("3811 AB"): the surest sign that someone is typing an address. */
    private static final Pattern POSTCODE = Pattern.compile("\\b[1-9][0-9]{3} ?[A-Z]{2}\\b");

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

    /** Sets (or with blank text, clears) a secret location's contact text; an admin's change, audited. */
    public void setContact(String code, String contact, Principal admin) {
        Location location = secretLocation(code);
        String text = contact == null ? "" : contact.strip();
        if (text.length() > MAX_TEXT) {
            throw new SecretException(SecretException.Problem.INVALID, "De contacttekst is langer dan " + MAX_TEXT + " tekens");
        }
        if (POSTCODE.matcher(text).find()) {
            throw new SecretException(SecretException.Problem.INVALID,
                    "Dit lijkt een adres. De centrale bewaart geen adres van een geheime locatie: alleen wie te bellen");
        }
        database.transaction(connection -> {
            if (text.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM location_contact WHERE location = ?")) {
                    delete.setString(1, location.code());
                    delete.executeUpdate();
                }
            } else {
                try (PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO location_contact (location, contact, updated_ms) VALUES (?, ?, ?)
                        ON CONFLICT (location) DO UPDATE SET contact = excluded.contact, updated_ms = excluded.updated_ms""")) {
                    upsert.setString(1, location.code());
                    upsert.setString(2, text);
                    upsert.setLong(3, clock.millis());
                    upsert.executeUpdate();
                }
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
            String contact = null;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT contact FROM location_contact WHERE location = ?")) {
                query.setString(1, location.code());
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        contact = rows.getString(1);
                    }
                }
            }
            audit.append(connection, caller.username(), READ, location.code(), why);
            return new ContactDetails(location.code(), location.name(), location.phone(), contact);
        });
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
