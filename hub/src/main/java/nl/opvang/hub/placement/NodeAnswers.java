package nl.opvang.hub.placement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.ingest.HoldHook;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The holds' side of the ingest (docs/DESIGN.md §3, §4): a node's {@code hold_accepted} / {@code hold_refused} answers
 * and check-ins naming a hold change the hold in the same transaction as the event; then the node's facts overrule any
 * hold they contradict (a bed taken meanwhile: the hold is refused with a conflict note, never silently dropped); a
 * birth re-sends the requests the node has not answered.
 */
public final class NodeAnswers implements HoldHook {
    static final String CONFLICT_FULL = "Geen plek meer vrij op de locatie";
    private static final Logger LOG = LoggerFactory.getLogger(NodeAnswers.class);

    private final HoldService holds;

    public NodeAnswers(HoldService holds) {
        this.holds = holds;
    }

    @Override
    public Work begin() {
        return new Batch();
    }

    @Override
    public void online(String site, String node) {
        holds.resend(node);
    }

    private final class Batch implements Work {
        private final Map<UUID, Hold> changed = new HashMap<>();
        private final List<Reply> commands = new ArrayList<>();

        @Override
        public void event(Connection c, String node, Payload payload, long atMs) throws SQLException {
            if (payload instanceof Payload.HoldAccepted accepted) {
                answer(c, node, accepted.hold(), hold -> holds.with(hold, HoldState.ACCEPTED, accepted.bed(), null, null),
                        holds.seal(accepted.hold(), accepted.instructions()), "hold.accepted");
            } else if (payload instanceof Payload.HoldRefused refused) {
                answer(c, node, refused.hold(), hold -> holds.with(hold, HoldState.REFUSED, null, refused.reason(), null),
                        null, "hold.refused");
            } else if (payload instanceof Payload.CheckIn in && in.hold() != null) {
                Optional<Hold> hold = own(c, node, in.hold());
                if (hold.isPresent() && hold.get().state().active()) {
                    record(holds.change(c, hold.get(), holds.with(hold.get(), HoldState.FULFILLED, in.bed(), null, null),
                            null, actor(node), "hold.fulfilled"));
                }
            }
        }

        private void answer(Connection c, String node, UUID id, UnaryOperator<Hold> next, String sealed,
                            String action) throws SQLException {
            Optional<Hold> hold = own(c, node, id);
            if (hold.isEmpty()) {
                return;
            }
            if (hold.get().state() == HoldState.REQUESTED) {
                record(holds.change(c, hold.get(), next.apply(hold.get()), sealed, actor(node), action));
            } else if (hold.get().state() == HoldState.ACCEPTED && "hold.refused".equals(action)) {
                // A node that does not know `accepted` (docs/DESIGN.md §3) let night staff refuse a hold accepted at
                // the hub, and dropped it: the location's word stands, so hub and node agree (a referral goes back to
                // its desk's queue).
                record(holds.change(c, hold.get(), next.apply(hold.get()).overruled(HoldService.CONFLICT_REFUSED),
                        null, actor(node), "hold.conflict"));
            } else if (!hold.get().state().active()) {
                // Answered after the hub ended it (expired, cancelled): the node should drop it too.
                Hold ended = hold.get();
                commands.add(new Reply.CommandReply(ended.site(), ended.node(), Command.of(new Command.ReleaseHold(ended.id()))));
            }
        }

        private Optional<Hold> own(Connection c, String node, UUID id) throws SQLException {
            Optional<Hold> hold = HoldStore.find(c, id);
            if (hold.isPresent() && !hold.get().node().equals(node)) {
                LOG.warn("Node {} answered hold {} of another node; ignored", node, id);
                return Optional.empty();
            }
            return hold;
        }

        @Override
        public List<Reply> reconcile(Connection c, Set<String> nodes, Set<String> births) throws SQLException {
            List<Hold> active = HoldStore.active(c).stream().filter(hold -> nodes.contains(hold.node())).toList();
            if (active.isEmpty()) {
                return commands;
            }
            List<Hold> standing = new ArrayList<>();
            for (Hold hold : active) {
                String bed = hold.heldBed();
                if (bed != null && "occupied".equals(HoldStore.bedStatus(c, hold.node(), bed).orElse(null))) {
                    conflict(c, hold, HoldService.CONFLICT_BED);
                } else {
                    standing.add(hold);
                }
            }
            overbooked(c, standing);
            long now = holds.now();
            for (Hold hold : HoldStore.active(c)) {
                if (births.contains(hold.node()) && hold.awaitsNode()) {
                    commands.add(new Reply.CommandReply(hold.site(), hold.node(), holds.command(hold)));
                    HoldStore.markSent(c, hold.id(), now);
                }
            }
            return commands;
        }

        /** Kind holds beyond what the location now has free: the newest requests give way to the location's facts. */
        private void overbooked(Connection c, List<Hold> standing) throws SQLException {
            Map<String, List<Hold>> byNodeAndKind = new HashMap<>();
            for (Hold hold : standing) {
                if (hold.heldBed() == null && hold.state() == HoldState.REQUESTED) {
                    byNodeAndKind.computeIfAbsent(hold.node() + " " + hold.kind().wire(), key -> new ArrayList<>()).add(hold);
                }
            }
            for (List<Hold> group : byNodeAndKind.values()) {
                Hold first = group.get(0);
                int room = HoldStore.room(c, first.node(), first.kind());
                group.sort(Comparator.comparing(Hold::createdAt).reversed());
                for (int i = 0; room < 0 && i < group.size(); i++, room++) {
                    conflict(c, group.get(i), CONFLICT_FULL);
                }
            }
        }

        private void conflict(Connection c, Hold hold, String note) throws SQLException {
            record(holds.change(c, hold, holds.with(hold, HoldState.REFUSED, null, null, note), null, actor(hold.node()),
                    "hold.conflict"));
            commands.add(new Reply.CommandReply(hold.site(), hold.node(), Command.of(new Command.ReleaseHold(hold.id()))));
        }

        private void record(Hold hold) {
            changed.put(hold.id(), hold);
        }

        @Override
        public void committed() {
            if (!changed.isEmpty()) {
                holds.publish(List.copyOf(changed.values()));
            }
        }
    }

    private static String actor(String node) {
        return "node:" + node;
    }
}
