package nl.opvang.hardware;

/** Whether a card reader can read passes, with the Dutch sentence the kiosk shows for it. */
public enum ReaderStatus {
    STARTING("Kaartlezer wordt gestart"),
    READY("Kaartlezer gereed"),
    MISSING("Geen kaartlezer gevonden"),
    NO_ACCESS("Geen toegang tot de kaartlezer");

    private final String dutch;

    ReaderStatus(String dutch) {
        this.dutch = dutch;
    }

    /** The sentence for staff, e.g. "Geen kaartlezer gevonden". */
    public String dutch() {
        return dutch;
    }
}
