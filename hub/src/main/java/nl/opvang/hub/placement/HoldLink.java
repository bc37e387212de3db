package nl.opvang.hub.placement;

import java.time.Clock;
import java.time.Instant;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Command;

/**
 * Tells nodes about holds: {@code hold} when one is requested (and again until answered) or accepted at the hub,
 * {@code release_hold} when one ends at the hub. A broker that is down now is no error: the ticker and the node's return re-send.
 */
final class HoldLink {
    private final CommandSender sender;
    private final Database database;
    private final Clock clock;

    HoldLink(CommandSender sender, Database database, Clock clock) {
        this.sender = sender;
        this.database = database;
        this.clock = clock;
    }

    /** Sends the hold to its node and notes when, so that holds never sent can be told apart. */
    Hold send(Hold hold) {
        if (!sender.send(hold.site(), hold.node(), command(hold))) {
            return hold;
        }
        Instant now = clock.instant();
        database.transaction(c -> {
            HoldStore.markSent(c, hold.id(), now.toEpochMilli());
            return null;
        });
        return hold.sent(now);
    }

    /**
     * The {@code hold} command for a node; a new command id each time, so a re-send is not taken for a duplicate. A hold
     * the hub already accepted (a VO desk's placement, or an answer given on a hub page) goes as {@code accepted}: the
     * kiosk shows an expected arrival to check in, not a request to answer (docs/DESIGN.md §3).
     */
    Command command(Hold hold) {
        boolean accepted = hold.state() == HoldState.ACCEPTED;
        String from = accepted && hold.requesterRole() == Role.VO_DESK ? Words.word("hold.from.vo_desk")
                : Words.requester(hold.requesterRole().wire());
        return Command.of(new Command.Hold(hold.id(), hold.kind(), accepted ? hold.heldBed() : hold.bed(),
                hold.expiresAt(), from, accepted));
    }

    void release(Hold hold) {
        sender.send(hold.site(), hold.node(), Command.of(new Command.ReleaseHold(hold.id())));
    }
}
