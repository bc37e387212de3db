package nl.opvang.hub.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retention table (docs/DESIGN.md §5): every kind of data the hub and the nodes keep, how long, why and where
 * that is enforced; the one place in the code that says so. {@code /admin} shows it ("Bewaartermijnen"), {@code GET
 * /api/v1/admin/retention} returns it, and {@link Retention#run} enforces the lines whose {@code where} names it.
 *
 * <p>Every column of every table of the hub's and the node's database is either in a rule's {@code columns} or in
 * {@link #NOT_PERSONAL} with the reason it holds no personal data: {@code RetentionColumnsTest} fails on a column that
 * is in neither, so a new column cannot slip in without a decision on how long it is kept.
 */
public final class RetentionTable {
    /** Days an address that logged in to an account is remembered (the login throttle's {@code KNOWN_DAYS}). */
    public static final int LOGIN_ADDRESS_DAYS = 90;
    /** Hours a failed login counts (the login throttle's window). */
    public static final int LOGIN_FAILURE_HOURS = 1;

    /** Columns without personal data, each with the reason: {@code hub:table.column} → why. */
    public static final Map<String, String> NOT_PERSONAL = notPersonal();

    private final List<RetentionRule> rules;

    private RetentionTable(List<RetentionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The table with these periods. */
    public static RetentionTable of(RetentionPeriods periods) {
        List<RetentionRule> rules = new ArrayList<>();
        rules.add(new RetentionRule("stays", "Verblijven: de token die in- en uitchecken verbindt", days(periods.staysDays()),
                periods.staysDays(), "Om een verblijf te volgen en een verwijderverzoek uit te voeren. Daarna blijven"
                        + " alleen anonieme aantallen per nacht.", "Retention, elke 6 uur; forget-token",
                "--retention-days", columns("hub", "token", "id token").and("hub", "event", "token_id")
                        .and("hub", "monitor_stay", "token_id")));
        rules.add(new RetentionRule("events", "Gebeurtenissen van de locaties zonder token, ook niet opgenomen en"
                + " geweigerde berichten", "onbeperkt", null, "Het logboek van de levering (precies één keer, op"
                + " volgorde) en voor beheer. Geen naam, token of adres: bed, soort, gemeente, reden als categorie.",
                "niet verwijderd (ingest.EventStore)", null,
                columns("hub", "event", "node session seq id type node_ms received_ms body rejected")
                        .and("hub", "conflict", "id node session seq stored_id other_id received_ms type body node_ms")));
        rules.add(new RetentionRule("holds", "Aanvragen (plaatsingsverzoeken): wie aanvroeg, antwoord, reden van"
                + " weigeren", days(periods.holdsDays()) + " na de aanvraag, als die is afgelopen", periods.holdsDays(),
                "Voor vragen over een plaatsing. De aanvrager is een medewerker, de cliënt staat er niet in.",
                "Retention, elke 6 uur", "--retention holds=DAGEN", columns("hub", "hold", "id site node kind bed state"
                        + " requester_id requester_name requester_role created_ms expires_ms answered_ms accepted_bed"
                        + " refusal conflict last_sent_ms ended_ms closed_ms")));
        rules.add(new RetentionRule("referrals", "Aanmeldingen bij de vrouwenopvang: loket, urgentie, aantal volwassenen"
                + " en kinderen, antwoord", days(periods.holdsDays()) + " na de aanmelding, als die is afgelopen",
                periods.holdsDays(), "Voor vragen over een aanmelding. Geen naam; de aanvrager is een medewerker.",
                "Retention, elke 6 uur", "--retention holds=DAGEN", columns("hub", "referral", "id desk region urgency"
                        + " adults children state requester_id requester_name created_ms respond_by_ms answered_ms"
                        + " ended_ms refusal hold site kind elsewhere")));
        rules.add(new RetentionRule("instructions", "Instructies bij een geaccepteerde aanvraag en veiligheidsnotities bij"
                + " een aanmelding (versleuteld)", "tot de aanvraag of aanmelding afloopt", null,
                "Alleen nodig om de cliënt veilig op de plek te krijgen.",
                "placement.HoldStore en referral bij het einde; Retention ruimt achtergebleven instructies op", null,
                columns("hub", "hold", "instructions").and("hub", "referral", "notes instructions")));
        rules.add(new RetentionRule("waitlist", "Wachtlijst: kenmerk, behoefte, besluitdatum, gemeente",
                "zolang iemand wacht; afgesloten: " + days(periods.waitlistDays()), periods.waitlistDays(),
                "CT beheert de wachtlijst. Een afgesloten regel blijft een tijd voor vragen en verantwoording.",
                "Retention, elke 6 uur", "--retention waitlist=DAGEN", columns("hub", "waitlist_entry", "id reference"
                        + " need decided_on priority origin exemption state hold offers created_ms changed_ms closed_ms"
                        + " close_reason")));
        rules.add(new RetentionRule("history", "Koudweerregeling, noodbedden en capaciteit door de tijd", "onbeperkt", null,
                "Voor rapportages over de opvang door de jaren. Alleen gebruikersnamen van medewerkers en een reden.",
                "niet verwijderd (coldweather, capacity)", null, columns("hub", "cold_weather", "id region started_ms"
                        + " started_by reason until_ms changed_ms changed_by ended_ms ended_by end_reason")
                        .and("hub", "cold_weather_site", "cold_weather site")
                        .and("hub", "cold_weather_node", "cold_weather node opened_ms released_ms")
                        .and("hub", "capacity_change", "id site kind capacity from_ms until_ms reason created_by"
                                + " created_ms cancelled_by cancelled_ms restored_ms")
                        .and("hub", "location_dates", "code opens_ms opened_ms retired_ms retired_reason")
                        .and("hub", "nood_request", "site open until_ms by_account reason at_ms")));
        rules.add(new RetentionRule("counts", "Anonieme aantallen per nacht, locatie en soort", "onbeperkt", null,
                "Voor rapportages. Geen persoonsgegevens.", "niet verwijderd (report, Retention)", null,
                columns("hub", "stay_count", "night location kind check_ins check_outs").and("hub", "occupancy_night",
                        "night location kind occupied capacity samples sampled_ms")));
        rules.add(new RetentionRule("monitoring", "Verblijven voor de monitor, zonder token na de bewaartermijn:"
                + " locatie, soort, gemeente van herkomst, begin, einde, bestemming; weggestuurd per nacht en reden",
                "onbeperkt", null, "Voor de cijfers van de gemeente (docs/MONITORING.md). Wat de token nodig had (eerste"
                        + " verblijf, eerder verblijf) is bij het inchecken vastgelegd.",
                "niet verwijderd (monitoring.LedgerStore); de token gaat met de regel voor verblijven", null,
                columns("hub", "monitor_stay", "id location node session seq place kind origin in_ms first_night out_ms"
                        + " last_night destination ended first_ever days_since_last stays_year")
                        .and("hub", "monitor_turn_away", "night location kind reason count")));
        rules.add(new RetentionRule("audit", "Auditlog: wie wat deed of inzag", "onbeperkt", null, "Verantwoording. De"
                + " keten van hashes kan niet worden ingekort. Geen gegevens van cliënten.",
                "audit.AuditLog; de database weigert wijzigen en verwijderen", null,
                columns("hub", "audit", "seq at_ms actor action subject detail prev_hash hash")));
        rules.add(new RetentionRule("privacy", "Privacyverzoeken: welk recht, van welke locatie, termijn, uitkomst",
                "onbeperkt", null, "Verantwoording: dat elk verzoek binnen een maand is afgehandeld. Geen pas en geen"
                        + " token: de koppeling loopt via de gebeurtenis van het verzoek.",
                "niet verwijderd (privacy.PrivacyRequests)", null, columns("hub", "privacy_request", "request event_id site"
                        + " asked received_ms deadline_ms done_ms done_by outcome")));
        rules.add(new RetentionRule("restrictions", "Beperking van een token (AVG art. 18) en het privacylogboek",
                "tot de beperking is opgeheven of de token verdwijnt; het logboek onbeperkt", null, "Een beperking moet"
                        + " gelden tot ze wordt opgeheven, ook na het terugzetten van een back-up. Het logboek"
                        + " (privacy-log.jsonl) noemt gebeurtenissen, geen token.",
                "privacy.PrivacyRequests; verdwijnt met de token (Retention, forget-token)", null,
                columns("hub", "privacy_restriction", "token_id request since_ms")));
        rules.add(new RetentionRule("accounts", "Accounts van medewerkers", "zolang het account bestaat", null,
                "Om in te loggen en voor de auditlog. Een uitgeschakeld account blijft, want de auditlog noemt het.",
                "beheer op /admin", null, columns("hub", "account", "id username display_name role scope"
                        + " password_hash totp_secret disabled created_ms totp_last_step")));
        rules.add(new RetentionRule("sessions", "Sessies en API-tokens (alleen als hash)",
                "tot ze verlopen: 12 uur (API: 24 uur)", null, "Om ingelogd te blijven.",
                "account.Sessions; Retention verwijdert verlopen sessies elke 6 uur", null, columns("hub",
                        "account_session", "token_hash account_id kind csrf_token created_ms expires_ms last_used_ms")));
        rules.add(new RetentionRule("logins", "Inlogpogingen: mislukte pogingen en bekende adressen",
                "mislukt: " + LOGIN_FAILURE_HOURS + " uur; adres: " + LOGIN_ADDRESS_DAYS + " dagen na de laatste login",
                LOGIN_ADDRESS_DAYS, "Tegen het raden van wachtwoorden, zonder medewerkers buiten te sluiten.",
                "account.LoginThrottle; Retention, elke 6 uur", null, columns("hub", "login_failure", "id subject at_ms")
                        .and("hub", "login_address", "username address last_ok_ms")));
        rules.add(new RetentionRule("logs", "Logboeken van hub en broker (journald)", "30 dagen", 30,
                "Om storingen en incidenten te onderzoeken. Geen namen, tokens of adressen in de log.",
                "journald: MaxRetentionSec=30day (docs/PRODUCTION.md §9)", "journald.conf", List.of()));
        rules.add(new RetentionRule("backups", "Back-ups van de database", "7 dagen: één per weekdag", 7,
                "Voor herstel na verlies. Ze bevatten tokens: bescherm ze als de database.",
                "opvang-backup.timer, hub-<dag>.db (docs/PRODUCTION.md §6)", "de timer", List.of()));
        rules.add(new RetentionRule("node-journal", "Journaal op de Pi: verzonden gebeurtenissen, ook met token",
                "30 dagen na de bevestiging door de hub", 30, "Zodat een teruggezette hub ze opnieuw kan opvragen.",
                "device: NodeStore.pruneJournal", "journalDays (device.json)",
                columns("node", "outbox", "seq id type payload created_ms acked_ms")
                        .and("node", "rejection", "session seq type reason received_ms id payload")));
        rules.add(new RetentionRule("node-places", "Bezetting op de Pi: de token per bed, aanvragen voor de locatie",
                "tot uitchecken; een aanvraag tot het antwoord", null, "Om te weten wie waar ligt en een aanvraag te"
                        + " beantwoorden.", "device: Places (uitchecken wist de token), Holds", null,
                columns("node", "bed", "token").and("node", "incoming_hold",
                        "hold kind bed expires_ms requested_by accepted expected received_ms")));
        return new RetentionTable(rules);
    }

    public List<RetentionRule> rules() {
        return rules;
    }

    /** The kind of data {@code column} ({@code hub:table.column}) holds, if a rule names it. */
    public Optional<RetentionRule> ruleFor(String column) {
        return rules.stream().filter(rule -> rule.columns().contains(column)).findFirst();
    }

    private static String days(int days) {
        return days == 1 ? "1 dag" : days + " dagen";
    }

    private static Map<String, String> notPersonal() {
        Map<String, String> columns = new LinkedHashMap<>();
        String registry = "the region file's registry: locations, nodes and places, no person";
        columns("hub", "location", "code name provider municipality region phone secret domain groups_edited_ms")
                .put(columns, registry);
        columns("hub", "location_group", "location kind target").put(columns, registry);
        columns("hub", "node", "code site session last_seq heartbeat_seconds last_seen_ms online connection_count"
                + " software mismatch").put(columns, "a node's connection state, no person");
        columns("hub", "place", "node place kind counted capacity is_open occupied status confirmed_ms open_since_ms"
                + " open_until_ms configured").put(columns, "a place's state and counts, no person");
        columns("hub", "location_contact", "location contact updated_ms").put(columns,
                "a secret location's desk and phone numbers, checked to hold no address or name");
        String schema = "the schema's version history, no person";
        columns("hub", "flyway_schema_history", "installed_rank version description type script checksum installed_by"
                + " installed_on execution_time success").put(columns, schema);
        columns("hub", "schema_version", "version").put(columns, schema);
        columns("node", "flyway_schema_history", "installed_rank version description type script checksum installed_by"
                + " installed_on execution_time success").put(columns, schema);
        columns("node", "meta", "id session next_seq connection heartbeat_seconds created_ms").put(columns,
                "the node database's own identity and counters, no person");
        columns("node", "bed", "bed kind status open").put(columns, "a bed's state, no person (its token is node-places)");
        columns("node", "count_place", "kind capacity open occupied configured target until_ms closing").put(columns,
                "counts of count-only places, no person");
        columns("node", "bed_limit", "kind capacity until_ms").put(columns, "capacity limits, no person");
        columns("node", "processed_command", "id type received_ms").put(columns,
                "ids of commands from the hub already applied, no person");
        columns("node", "hub_counts", "id received_ms payload").put(columns,
                "the hub's last counts per location for the kiosk when the hub is away: counts and phones, no person");
        return Map.copyOf(columns);
    }

    private static Columns columns(String database, String table, String names) {
        return new Columns().and(database, table, names);
    }

    /** Column names built up table by table: {@code database:table.column}. */
    private static final class Columns extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Columns and(String database, String table, String columns) {
            Arrays.stream(columns.split(" ")).forEach(column -> add(database + ":" + table + "." + column));
            return this;
        }

        void put(Map<String, String> map, String reason) {
            forEach(name -> map.put(name, reason));
        }
    }
}
