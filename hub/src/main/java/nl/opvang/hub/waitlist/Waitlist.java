package nl.opvang.hub.waitlist;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Conflict;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.placement.Hold;
import nl.opvang.hub.placement.HoldFollower;
import nl.opvang.hub.placement.HoldRequest;
import nl.opvang.hub.placement.HoldService;
import nl.opvang.hub.placement.HoldState;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * The waiting list the CT manages (docs/DESIGN.md §4, seed: "Ook beheert de CT de wachtlijst"): entries added, their
 * priority and exemption changed, a free place offered (a hold made by the CT, linked in the same transaction), and
 * closed. It follows its holds ({@link HoldFollower}): a check-in with the hold ends the wait, a hold that ends
 * otherwise puts the entry back on the list. Every change is one transaction with its audit entry, which names the
 * entry by its id, never by its reference, and holds no client data.
 */
public final class Waitlist implements HoldFollower {
    /** A decision older than this is a typing error, not a wait. */
    private static final int MAX_YEARS_BACK = 10;

    private final Database database;
    private final HoldService holds;
    private final AvailabilityProjection projection;
    private final Registry registry;
    private final AuditLog audit;
    private final List<String> origins;
    private final Clock clock;

    /** {@code municipalities}: the region's; an origin is one of them, {@code passant} or {@code onbekend}. */
    public Waitlist(Database database, HoldService holds, AvailabilityProjection projection, Registry registry,
                    AuditLog audit, List<String> municipalities, Clock clock) {
        this.database = database;
        this.holds = holds;
        this.projection = projection;
        this.registry = registry;
        this.audit = audit;
        List<String> choices = new ArrayList<>(municipalities);
        choices.add("passant");
        choices.add("onbekend");
        this.origins = List.copyOf(choices);
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** Starts following the holds this list makes; called once by the composition root. */
    public Waitlist following() {
        holds.follow(this);
        return this;
    }

    Entry add(Principal principal, WaitlistBody.Add body) {
        Need need = Need.fromWire(body.need());
        LocalDate decided = decidedOn(body.decidedOn());
        Entry.Priority priority = body.priority() == null ? Entry.Priority.NORMAL : Entry.Priority.fromWire(body.priority());
        String origin = origin(body.origin());
        Entry.Exemption exemption = Entry.Exemption.fromWire(body.exemption());
        Entry entry = new Entry(UUID.randomUUID(), Reference.next(), need, decided, priority, origin, exemption,
                Entry.State.WAITING, null, 0, clock.instant(), null, null);
        return database.transaction(c -> {
            WaitlistStore.insert(c, entry);
            audit.append(c, principal.username(), "waitlist.added", subject(entry.id()), detail(entry));
            return entry;
        });
    }

    Entry change(Principal principal, UUID id, WaitlistBody.Change body) {
        if (body.priority() == null) {
            throw new BadRequest("Kies een prioriteit (priority): urgent, high of normal");
        }
        Entry.Priority priority = Entry.Priority.fromWire(body.priority());
        Entry.Exemption exemption = Entry.Exemption.fromWire(body.exemption());
        return database.transaction(c -> {
            Entry entry = open(c, id);
            WaitlistStore.prioritise(c, id, priority, exemption, clock.millis());
            Entry changed = WaitlistStore.find(c, id).orElseThrow();
            audit.append(c, principal.username(), "waitlist.changed", subject(id), detail(changed)
                    + (entry.exemption() == exemption ? "" : " exemption-changed"));
            return changed;
        });
    }

    /**
     * Offers a free place of the entry's kind: a hold by the CT at {@code site}, or at the region's live location with
     * the most free (docs/DESIGN.md §4). Nothing free is the holds' 409; the entry changes only with the hold.
     */
    Entry offer(Principal principal, UUID id, String site) {
        Entry entry = database.read(c -> WaitlistStore.find(c, id)).orElseThrow(WaitlistRoutes::notFound);
        requireWaiting(entry);
        Kind kind = entry.need().kind();
        if (kind == null) {
            throw new Conflict("Voor een functie (MO, beschermd wonen) kan de centrale nog geen plek aanbieden: plekken"
                    + " hebben hier nog geen functie. Plaats via de aanbieder en sluit de inschrijving daarna");
        }
        if (site != null && registry.location(site).isEmpty()) {
            throw new BadRequest("Onbekende locatie (site)");
        }
        holds.create(principal, new HoldRequest(site, kind, null), (c, created) -> {
            // Checked again inside the hold's transaction: two offers for one entry at once give one hold.
            requireWaiting(open(c, id));
            WaitlistStore.offered(c, id, created.id(), created.createdAt().toEpochMilli());
            audit.append(c, principal.username(), "waitlist.offered", subject(id), "need=" + entry.need().wire()
                    + " hold=" + created.id() + " site=" + created.site());
        });
        return database.read(c -> WaitlistStore.find(c, id)).orElseThrow();
    }

    Entry close(Principal principal, UUID id, String reason) {
        if (reason == null) {
            throw new BadRequest("Kies een reden (reason): placed_elsewhere, no_longer_needed, left_region, no_contact"
                    + " of other");
        }
        Entry.CloseReason why = Entry.CloseReason.chosen(reason);
        return database.transaction(c -> {
            Entry entry = open(c, id);
            if (entry.state() == Entry.State.OFFERED) {
                throw new Conflict("Er loopt een aanbod voor deze persoon: trek eerst de aanvraag in, of wacht op het antwoord");
            }
            WaitlistStore.close(c, id, why, clock.millis());
            audit.append(c, principal.username(), "waitlist.closed", subject(id), "need=" + entry.need().wire()
                    + " reason=" + why.wire());
            return WaitlistStore.find(c, id).orElseThrow();
        });
    }

    /** The open entries with their ageing, the counts per need, and what can be offered now. */
    WaitlistView.Overview overview() {
        LocalDate today = Ageing.today(clock);
        List<Entry> entries = database.read(WaitlistStore::open);
        Map<Kind, Integer> free = freeNow();
        Map<Need, int[]> counts = new EnumMap<>(Need.class);
        Set<Need> firstSeen = new HashSet<>();
        List<WaitlistView.EntryView> views = new ArrayList<>();
        int over = 0;
        int exempted = 0;
        for (Entry entry : entries) {
            int[] count = counts.computeIfAbsent(entry.need(), need -> new int[3]);
            count[entry.state() == Entry.State.WAITING ? 0 : 1]++;
            boolean counted = Ageing.overThreeMonths(entry, today);
            count[2] += counted ? 1 : 0;
            over += counted ? 1 : 0;
            exempted += entry.exemption() == null ? 0 : 1;
            Kind kind = entry.need().kind();
            boolean offerable = entry.state() == Entry.State.WAITING && kind != null && free.getOrDefault(kind, 0) > 0;
            // Entries come longest wait first: the first offerable one of a kind is who has waited longest for it.
            views.add(WaitlistView.EntryView.of(entry, today, offerable, offerable && firstSeen.add(entry.need())));
        }
        List<WaitlistView.Count> perNeed = new ArrayList<>();
        counts.forEach((need, count) -> perNeed.add(new WaitlistView.Count(need.wire(), count[0], count[1], count[2],
                need.kind() == null ? null : free.getOrDefault(need.kind(), 0))));
        return new WaitlistView.Overview(today.toString(), entries.size(), over, exempted, perNeed, views, origins);
    }

    /** Free places per kind at live locations now (0 unless live, docs/DESIGN.md §4). */
    private Map<Kind, Integer> freeNow() {
        Map<Kind, Integer> free = new EnumMap<>(Kind.class);
        for (LocationAvailability location : projection.snapshot().locations().values()) {
            for (KindAvailability places : location.kinds()) {
                free.merge(places.kind(), places.free(), Integer::sum);
            }
        }
        return free;
    }

    /** A hold this list made has ended: placed when a check-in fulfilled it, otherwise back on the list. */
    @Override
    public void ended(Connection c, Hold hold, String actor) throws SQLException {
        Optional<Entry> linked = WaitlistStore.byHold(c, hold.id());
        if (linked.isEmpty() || linked.get().state() != Entry.State.OFFERED) {
            return;
        }
        Entry entry = linked.get();
        if (hold.state() == HoldState.FULFILLED) {
            WaitlistStore.close(c, entry.id(), Entry.CloseReason.PLACED, clock.millis());
            audit.append(c, actor, "waitlist.placed", subject(entry.id()), "need=" + entry.need().wire() + " hold="
                    + hold.id());
        } else {
            WaitlistStore.waitingAgain(c, entry.id(), clock.millis());
            audit.append(c, actor, "waitlist.offer_ended", subject(entry.id()), "need=" + entry.need().wire() + " hold="
                    + hold.id() + " hold_state=" + hold.state().wire());
        }
    }

    private static Entry open(Connection c, UUID id) throws SQLException {
        Entry entry = WaitlistStore.find(c, id).orElseThrow(WaitlistRoutes::notFound);
        if (entry.state() == Entry.State.CLOSED) {
            throw new Conflict("Deze inschrijving is al gesloten");
        }
        return entry;
    }

    private static void requireWaiting(Entry entry) {
        if (entry.state() == Entry.State.CLOSED) {
            throw new Conflict("Deze inschrijving is al gesloten");
        }
        if (entry.state() == Entry.State.OFFERED) {
            throw new Conflict("Aan deze persoon is al een plek aangeboden; wacht op het antwoord of trek de aanvraag in");
        }
    }

    private LocalDate decidedOn(String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequest("Geef de datum van het besluit (decidedOn), als JJJJ-MM-DD");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest("Geef de datum van het besluit (decidedOn) als JJJJ-MM-DD, bijvoorbeeld 2026-09-01");
        }
        LocalDate today = Ageing.today(clock);
        if (date.isAfter(today)) {
            throw new BadRequest("De datum van het besluit ligt in de toekomst");
        }
        if (date.isBefore(today.minusYears(MAX_YEARS_BACK))) {
            throw new BadRequest("De datum van het besluit ligt meer dan tien jaar terug; controleer de datum");
        }
        return date;
    }

    private String origin(String text) {
        if (text != null) {
            for (String origin : origins) {
                if (origin.equalsIgnoreCase(text.strip())) {
                    return origin;
                }
            }
        }
        throw new BadRequest("Kies de herkomst (origin): een gemeente van de regio (" + String.join(", ",
                origins.subList(0, origins.size() - 2)) + "), passant of onbekend");
    }

    private static String subject(UUID id) {
        return "waitlist:" + id;
    }

    /** What the entry is for, never its reference or origin. */
    private static String detail(Entry entry) {
        return "need=" + entry.need().wire() + " priority=" + entry.priority().wire()
                + (entry.exemption() == null ? "" : " exemption=" + entry.exemption().wire()) + " state=" + entry.state().wire();
    }
}
