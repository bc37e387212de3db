package nl.opvang.device.node;

import java.util.List;
import java.util.Optional;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;

/** The location's places as the node knows them now: per-bed statuses and count-only kinds. */
public record PlaceState(List<Payload.BedState> beds, List<Payload.CountState> counts) {
    public PlaceState {
        beds = List.copyOf(beds);
        counts = List.copyOf(counts);
    }

    public Optional<Payload.BedState> bed(String bed) {
        return beds.stream().filter(state -> state.bed().equals(bed)).findFirst();
    }

    public Optional<Payload.CountState> count(Kind kind) {
        return counts.stream().filter(state -> state.kind() == kind).findFirst();
    }
}
