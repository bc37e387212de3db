package nl.opvang.hub.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.Registry;

/**
 * Gives the nodes and sites of secret locations no identifying label in the metrics (issue 11): a metric such as
 * {@code opvang_node_clock_offset_seconds{node="kw-vo-1"}} would tell whoever reads a scrape (a monitoring service,
 * a dashboard) which codes are secret locations. Their values of the tags {@code node}, {@code site} and
 * {@code location} become {@code secret-1}, {@code secret-2}, …: numbered in the order of their codes, so a label is
 * stable while the registry is, and says only that some secret node behaves so. Installed on the registry before any
 * meter, as a filter, so every meter gets it and no metric code has to remember.
 */
public final class SecretLabels implements MeterFilter {
    private static final List<String> KEYS = List.of("node", "site", "location");

    private final Map<String, String> labels;

    private SecretLabels(Map<String, String> labels) {
        this.labels = Map.copyOf(labels);
    }

    /** The labels of the registry's secret locations and their nodes. */
    public static SecretLabels of(Registry registry) {
        List<String> sites = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        for (Location location : registry.locations()) {
            if (location.secret()) {
                sites.add(location.code());
                location.nodes().stream().map(NodeSpec::code).forEach(nodes::add);
            }
        }
        Map<String, String> labels = new HashMap<>();
        number(sites, "secret-site-", labels);
        number(nodes, "secret-", labels);
        return new SecretLabels(labels);
    }

    private static void number(List<String> codes, String prefix, Map<String, String> labels) {
        List<String> sorted = codes.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            labels.putIfAbsent(sorted.get(i), prefix + (i + 1));
        }
    }

    /** The label for a node or site code: the code itself unless it belongs to a secret location. */
    public String label(String code) {
        return labels.getOrDefault(code, code);
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            if (KEYS.contains(tag.getKey()) && labels.containsKey(tag.getValue())) {
                tags.add(Tag.of(tag.getKey(), label(tag.getValue())));
                changed = true;
            } else {
                tags.add(tag);
            }
        }
        return changed ? id.replaceTags(tags) : id;
    }
}
