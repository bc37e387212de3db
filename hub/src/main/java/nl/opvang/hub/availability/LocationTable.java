package nl.opvang.hub.availability;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of the registry's locations by code, over an array in registry order with an index shared by every
 * version. A commit that changes a few locations copies the array (a few microseconds for 2,000 locations) instead of
 * a hash map of them, which was 11% of the ingest thread's samples (docs/PERFORMANCE.md). Locations without a value
 * yet are absent from the map.
 */
final class LocationTable extends AbstractMap<String, LocationAvailability> {
    private final Map<String, Integer> index;
    private final LocationAvailability[] values;
    private final int size;

    private LocationTable(Map<String, Integer> index, LocationAvailability[] values) {
        this.index = index;
        this.values = values;
        int count = 0;
        for (LocationAvailability value : values) {
            if (value != null) {
                count++;
            }
        }
        this.size = count;
    }

    /** An empty table for these location codes. */
    static LocationTable of(List<String> codes) {
        Map<String, Integer> index = new HashMap<>();
        for (String code : codes) {
            index.putIfAbsent(code, index.size());
        }
        return new LocationTable(Map.copyOf(index), new LocationAvailability[index.size()]);
    }

    /** A new version with {@code changed} put in; codes outside the table are ignored (the registry is fixed). */
    LocationTable with(Map<String, LocationAvailability> changed) {
        LocationAvailability[] next = Arrays.copyOf(values, values.length);
        for (Map.Entry<String, LocationAvailability> entry : changed.entrySet()) {
            Integer position = index.get(entry.getKey());
            if (position != null) {
                next[position] = entry.getValue();
            }
        }
        return new LocationTable(index, next);
    }

    @Override
    public LocationAvailability get(Object key) {
        Integer position = index.get(key);
        return position == null ? null : values[position];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, LocationAvailability>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, LocationAvailability>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int position = from;
                        while (position < values.length && values[position] == null) {
                            position++;
                        }
                        return position;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, LocationAvailability> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        LocationAvailability value = values[next];
                        next = advance(next + 1);
                        return Map.entry(value.code(), value);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
