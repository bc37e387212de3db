package nl.opvang.hub.stay;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Locale;
import java.util.Optional;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Domain;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.report.Nights;
import nl.opvang.protocol.Kind;

/**
 * How long a stay may last before it is flagged (docs/DESIGN.md §4 "Long stays"): a VO crisis place or VO noodbed
 * at most {@link #VO_CRISIS} (seed: noodopvang "maximaal drie dagen" before moving on), any place of the MO at most
 * {@link #MO} (seed: MO at most three months). Other stays (the VO's regular places, beschermd wonen, a location whose
 * domain the region file does not say) have no limit here.
 */
public enum StayLimits {
    /** A crisis place or noodbed at a location of domain {@code vo}: three days (72 hours). */
    VO(Domain.VO),
    /** Any place at a location of domain {@code mo}: three calendar months, in Dutch time. */
    MO(Domain.MO);

    /** The VO's limit for crisis places and noodbedden. */
    public static final Duration VO_CRISIS = Duration.ofDays(3);
    /** The MO's limit. */
    public static final Period MO_STAY = Period.ofMonths(3);

    private final Domain domain;

    StayLimits(Domain domain) {
        this.domain = domain;
    }

    /** The wire name: {@code vo} or {@code mo}, as the domain. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The limit in Dutch words ({@code staylimit.*}): "3 dagen", "3 maanden". */
    public String dutch() {
        return Words.word("staylimit." + wire());
    }

    /** The limit that applies to a stay on a place of {@code kind} at {@code location}, if any. */
    public static Optional<StayLimits> of(Location location, Kind kind) {
        Domain domain = location.audience().domain();
        if (domain == VO.domain) {
            return kind == Kind.CRISIS || kind == Kind.NOOD ? Optional.of(VO) : Optional.empty();
        }
        return domain == MO.domain ? Optional.of(MO) : Optional.empty();
    }

    /** Whether a stay that began at {@code since} is past this limit at {@code now}. */
    public boolean over(Instant since, Instant now) {
        return now.isAfter(end(since));
    }

    /** When a stay that began at {@code since} reaches this limit: after this moment it is over. */
    public Instant end(Instant since) {
        return this == VO ? since.plus(VO_CRISIS) : since.atZone(Nights.ZONE).plus(MO_STAY).toInstant();
    }
}
