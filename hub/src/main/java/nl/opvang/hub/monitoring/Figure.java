package nl.opvang.hub.monitoring;

import java.util.Arrays;
import java.util.Optional;

/**
 * The monitoring figures, each defined once here and in docs/MONITORING.md under the same name, with the version of its
 * definition: a changed definition gets a new version, and every answer names the version it used.
 */
public enum Figure {
    CLIENTS("clients", "Cliënten en nachten", 1),
    OCCUPANCY("occupancy", "Bezetting en leegstand", 1),
    INFLOW("inflow", "Instroom en herkomst", 1),
    REVOLVING_DOOR("revolving-door", "Draaideur", 1),
    LENGTH_OF_STAY("length-of-stay", "Verblijfsduur en normen", 1),
    DESTINATIONS("destinations", "Uitstroom: bestemming na vertrek", 2),
    UNMET_DEMAND("unmet-demand", "Onvervulde vraag", 1),
    PLACEMENT("placement", "Plaatsing: aanvragen en antwoorden", 1);

    private final String path;
    private final String title;
    private final int version;

    Figure(String path, String title, int version) {
        this.path = path;
        this.title = title;
        this.version = version;
    }

    /** The figure's name in its route ({@code /api/v1/monitoring/<path>}) and in docs/MONITORING.md. */
    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public int version() {
        return version;
    }

    /** The definition's name as answers give it: {@code clients/v1}. */
    public String definition() {
        return path + "/v" + version;
    }

    public static Optional<Figure> of(String path) {
        return Arrays.stream(values()).filter(figure -> figure.path.equals(path)).findFirst();
    }
}
