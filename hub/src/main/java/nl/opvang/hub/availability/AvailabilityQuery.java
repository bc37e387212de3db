package nl.opvang.hub.availability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.opvang.protocol.Kind;

/** The projection's filtered query (used by the benchmarks): locations matching region, municipality and kind. */
final class AvailabilityQuery {
    private AvailabilityQuery() {
    }

    static List<LocationAvailability> of(List<LocationAvailability> sorted, String region, String municipality, Kind kind,
                                         Comparator<LocationAvailability> order) {
        List<LocationAvailability> result = new ArrayList<>();
        for (LocationAvailability location : sorted) {
            if (region != null && !region.equals(location.region())) {
                continue;
            }
            if (municipality != null && !municipality.equalsIgnoreCase(location.municipality())) {
                continue;
            }
            if (kind != null) {
                List<KindAvailability> only = location.kinds().stream().filter(each -> each.kind() == kind).toList();
                if (only.isEmpty()) {
                    continue;
                }
                location = location.only(only);
            }
            result.add(location);
        }
        if (kind != null) {
            result.sort(order);
        }
        return result;
    }
}
