package nl.opvang.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Generates valid messages from a seeded Random: every field within its contract limits, optional fields now and then absent. */
final class RandomMessages {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final PlaceStatus[] NODE_STATUSES = {PlaceStatus.FREE, PlaceStatus.OCCUPIED, PlaceStatus.OUT_OF_SERVICE,
        PlaceStatus.CLEANING};

    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    NodeMessage nodeMessage() {
        Envelope envelope = new Envelope(Envelope.VERSION, uuid(), code(), code(), session(), seq(), instant());
        return new NodeMessage(envelope, payload());
    }

    Command command() {
        Command.Body body;
        switch (random.nextInt(9)) {
            case 0 -> body = new Command.Resend(session(), seq());
            case 1 -> body = new Command.Rebirth();
            case 2 -> body = new Command.Hold(uuid(), kind(), maybe() ? bed() : null, instant(), text(), maybe());
            case 3 -> body = new Command.ReleaseHold(uuid());
            case 4 -> body = new Command.OpenNood(instant(), maybe() ? places() : null);
            case 5 -> body = new Command.CloseNood();
            case 6 -> body = new Command.Config(1 + random.nextInt(3600));
            case 7 -> body = new Command.SetCapacity(kind(), places());
            default -> body = new Command.Message(text());
        }
        return new Command(Envelope.VERSION, uuid(), body);
    }

    Ack ack() {
        long seq = seq();
        List<Ack.Rejection> rejected = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            rejected.add(new Ack.Rejection(1 + Math.floorMod(random.nextLong(), seq), text()));
        }
        return Ack.of(session(), seq, rejected);
    }

    NodeStatus nodeStatus() {
        return new NodeStatus(Envelope.VERSION, random.nextBoolean(), session(), random.nextLong() & Long.MAX_VALUE);
    }

    HubStatus hubStatus() {
        return new HubStatus(Envelope.VERSION, random.nextBoolean(), instant());
    }

    private Payload payload() {
        switch (random.nextInt(11)) {
            case 0:
                List<Payload.BedState> beds = new ArrayList<>();
                for (int i = random.nextInt(40); i > 0; i--) {
                    beds.add(new Payload.BedState(bed(), kind(), NODE_STATUSES[random.nextInt(NODE_STATUSES.length)],
                            random.nextBoolean()));
                }
                List<Payload.CountState> counts = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    counts.add(new Payload.CountState(kind(), places(), random.nextBoolean(), places(), maybe() ? instant() : null));
                }
                return new Payload.Birth(text(), 1 + random.nextInt(3600), beds, counts);
            case 1:
                return random.nextBoolean()
                        ? new Payload.CheckIn(bed(), maybe() ? kind() : null, token(), origin(), maybe() ? uuid() : null)
                        : new Payload.CheckIn(maybe() ? bed() : null, kind(), token(), origin(), maybe() ? uuid() : null);
            case 2:
                return new Payload.CheckOut(maybe() ? bed() : null, kind(), token(), maybe() ? category() : null, maybe());
            case 3:
                return new Payload.Count(kind(), places());
            case 4:
                return new Payload.BedStatus(bed(), NODE_STATUSES[random.nextInt(NODE_STATUSES.length)]);
            case 5:
                return new Payload.Capacity(kind(), places(), random.nextBoolean(), maybe() ? text() : null,
                        maybe() ? instant() : null, maybe() ? List.of(bed(), bed()) : List.of());
            case 6:
                return new Payload.TurnAway(TurnAwayReason.values()[random.nextInt(TurnAwayReason.values().length)],
                        maybe() ? kind() : null);
            case 7:
                return new Payload.HoldAccepted(uuid(), maybe() ? bed() : null, text());
            case 8:
                return new Payload.HoldRefused(uuid(), text());
            case 9:
                return new Payload.PrivacyRequest(Payload.PrivacyRequest.RIGHTS.get(random.nextInt(3)), token(), uuid());
            default:
                return new Payload.Heartbeat();
        }
    }

    private boolean maybe() {
        return random.nextBoolean();
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private String code() {
        return pick(LOWER + DIGITS, 1) + pick(LOWER + DIGITS + "-", random.nextInt(32));
    }

    private String bed() {
        return pick(UPPER + LOWER + DIGITS, 1) + pick(UPPER + LOWER + DIGITS + "._-", random.nextInt(16));
    }

    private String session() {
        return pick(UPPER + LOWER + DIGITS + "-", 8 + random.nextInt(57));
    }

    private String token() {
        return pick(LOWER + DIGITS, 1 + random.nextInt(8)) + ":" + pick(UPPER + LOWER + DIGITS + "+/=_-", 8 + random.nextInt(121));
    }

    private String origin() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(DIGITS, 4);
            case 1 -> "passant";
            case 2 -> "unknown";
            default -> null;
        };
    }

    private String category() {
        return pick(LOWER, 1) + pick(LOWER + DIGITS + "_-", random.nextInt(32));
    }

    private Kind kind() {
        return Kind.values()[random.nextInt(Kind.values().length)];
    }

    private int places() {
        return random.nextInt(10_001);
    }

    private long seq() {
        return random.nextInt(4) == 0 ? Math.max(1, random.nextLong() & Long.MAX_VALUE) : 1 + random.nextInt(100_000);
    }

    /** Between 2000 and 2100, with no, milli-, micro- or nanosecond fractions. */
    private Instant instant() {
        long seconds = 946_684_800L + Math.floorMod(random.nextLong(), 3_155_760_000L);
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Text people write: up to 1000 characters of the Basic Multilingual Plane, newlines, quotes and backslashes, no controls. */
    private String text() {
        int length = random.nextInt(5) == 0 ? 1000 : random.nextInt(60);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int roll = random.nextInt(20);
            char c;
            if (roll == 0) {
                c = '\n';
            } else if (roll == 1) {
                c = "\"\\/<>&'".charAt(random.nextInt(7));
            } else if (roll < 5) {
                c = (char) (0xA0 + random.nextInt(0xD7FF - 0xA0));
            } else {
                c = (char) (0x20 + random.nextInt(0x5F));
            }
            text.append(c);
        }
        return text.toString();
    }

    private String pick(String alphabet, int length) {
        StringBuilder picked = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            picked.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return picked.toString();
    }
}
