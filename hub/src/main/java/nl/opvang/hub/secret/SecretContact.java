package nl.opvang.hub.secret;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.json.StrictText;
import nl.opvang.hub.location.NoAddress;
import nl.opvang.hub.location.Phone;

/**
 * Whom CT calls about a secret location in an emergency (break-glass, docs/DESIGN.md §5), as structured fields only:
 * the name of the desk, up to four phone numbers each with a short note, and the hours. There is no free-text field,
 * because free text can carry the address that the hub must never hold (issue 11); every text passes {@link NoAddress}.
 * Stored as this JSON in {@code location_contact.contact}; a row that does not read back under these rules (the free
 * text of before) is not served.
 *
 * @param desk   e.g. "VO-coördinator van dienst"; {@code null} when none
 * @param phones at least one when anything is set
 * @param hours  e.g. "24/7" or "ma-vr 09:00-17:00, daarna de nachtdienst"; {@code null} when none
 */
public record SecretContact(String desk, List<Phone> phones, String hours) {
    public static final int MAX_DESK = 80;
    public static final int MAX_HOURS = 80;
    public static final int MAX_PHONES = 4;
    private static final ObjectMapper JSON = Json.mapper();
    private static final ObjectReader SENT = JSON.readerFor(Sent.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SecretContact {
        desk = desk == null || desk.isBlank() ? null : NoAddress.check("De naam van de balie", desk, MAX_DESK);
        hours = hours == null || hours.isBlank() ? null : NoAddress.check("De tijden", hours, MAX_HOURS);
        phones = List.copyOf(phones == null ? List.of() : phones);
        if (phones.size() > MAX_PHONES) {
            throw new IllegalArgumentException("Geef hoogstens " + MAX_PHONES + " telefoonnummers");
        }
        if (phones.isEmpty() && (desk != null || hours != null)) {
            throw new IllegalArgumentException("Geef minstens één telefoonnummer: CT moet iemand kunnen bellen");
        }
    }

    /** Nothing set: storing it clears the contact. */
    public boolean empty() {
        return phones.isEmpty();
    }

    /**
     * Reads the fields a client sent ({@code {"desk":…,"phones":[{"number":…,"note":…}],"hours":…}}) and checks them;
     * {@link IllegalArgumentException} with a Dutch message otherwise.
     */
    public static SecretContact fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("Stuur JSON met de velden desk, phones en hours");
        }
        if (body.has("contact")) {
            throw new IllegalArgumentException("Een vrije contacttekst kan niet meer: geef de balie (desk), de"
                    + " telefoonnummers (phones: number en note) en de tijden (hours) apart");
        }
        Sent sent;
        try {
            sent = SENT.treeToValue(body, Sent.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(e.getPath().size() > 1 ? "Een telefoonnummer heeft alleen number en note"
                    : "Onbekend veld; alleen desk, phones en hours");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(typeProblem(e instanceof JsonMappingException mapping ? mapping.getPath()
                    : List.of()));
        }
        List<Phone> list = new ArrayList<>();
        for (Sent.SentNumber phone : sent.phones() == null ? List.<Sent.SentNumber>of() : sent.phones()) {
            if (phone == null || phone.number() == null) {
                throw new IllegalArgumentException(ONE_PHONE);
            }
            list.add(new Phone(phone.number(), phone.note()));
        }
        return new SecretContact(sent.desk(), list, sent.hours());
    }

    private static final String ONE_PHONE = "Elk telefoonnummer is {\"number\": \"088 000 0200\", \"note\": \"24/7\"}";

    /** What a field of the wrong type is told: the list, one of its numbers, or a text field. */
    private static String typeProblem(List<JsonMappingException.Reference> path) {
        String field = path.isEmpty() ? "" : path.get(0).getFieldName();
        if ("phones".equals(field)) {
            return path.size() == 1 ? "phones is een lijst van {\"number\": …, \"note\": …}" : ONE_PHONE;
        }
        return field.isEmpty() ? "Stuur JSON met de velden desk, phones en hours" : field + " is tekst";
    }

    /**
     * The fields as a client sends them (and as {@link #stored} writes them), bound by Jackson; every text is text, and
     * anything else is refused, so nothing slips past the checks.
     */
    record Sent(@JsonDeserialize(using = StrictText.class) String desk, List<SentNumber> phones,
                @JsonDeserialize(using = StrictText.class) String hours) {
        /** One number and its note. */
        record SentNumber(@JsonDeserialize(using = StrictText.class) String number,
                      @JsonDeserialize(using = StrictText.class) String note) {
        }
    }

    /** What is stored: the fields as JSON. */
    String stored() {
        ObjectNode root = JSON.createObjectNode();
        if (desk != null) {
            root.put("desk", desk);
        }
        ArrayNode list = root.putArray("phones");
        for (Phone phone : phones) {
            ObjectNode entry = list.addObject().put("number", phone.number());
            if (phone.note() != null) {
                entry.put("note", phone.note());
            }
        }
        if (hours != null) {
            root.put("hours", hours);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stored row back under today's rules; empty when it does not pass (then it is not served). */
    static Optional<SecretContact> read(String stored) {
        try {
            return Optional.of(fromJson(JSON.readTree(stored)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
