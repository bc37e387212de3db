package nl.opvang.protocol;

/** A birth or an event from a node: the envelope plus the type's fields. */
public record NodeMessage(Envelope envelope, Payload payload) {
    public NodeMessage {
        Check.present("envelope", envelope);
        Check.present("type", payload);
    }

    public String type() {
        return payload.type();
    }

    public boolean isBirth() {
        return payload instanceof Payload.Birth;
    }
}
