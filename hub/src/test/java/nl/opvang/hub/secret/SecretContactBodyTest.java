package nl.opvang.hub.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.location.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin's contact body, bound to records: each wrong shape gets the Dutch sentence it always got. */
class SecretContactBodyTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]                                                   | Stuur JSON met de velden desk, phones en hours",
        "{\"contact\": \"x\"}                                 | Een vrije contacttekst kan niet meer: geef de balie (desk), de telefoonnummers (phones: number en note) en de tijden (hours) apart",
        "{\"adres\": \"x\"}                                   | Onbekend veld; alleen desk, phones en hours",
        "{\"phones\": \"088 000 0200\"}                       | phones is een lijst van {\"number\": …, \"note\": …}",
        "{\"phones\": [\"088 000 0200\"]}                     | Elk telefoonnummer is {\"number\": \"088 000 0200\", \"note\": \"24/7\"}",
        "{\"phones\": [{\"number\": 880000200}]}              | Elk telefoonnummer is {\"number\": \"088 000 0200\", \"note\": \"24/7\"}",
        "{\"phones\": [{\"note\": \"24/7\"}]}                 | Elk telefoonnummer is {\"number\": \"088 000 0200\", \"note\": \"24/7\"}",
        "{\"phones\": [null]}                                 | Elk telefoonnummer is {\"number\": \"088 000 0200\", \"note\": \"24/7\"}",
        "{\"phones\": [{\"number\": \"088 000 0200\", \"x\": 1}]} | Een telefoonnummer heeft alleen number en note",
        "{\"desk\": 12, \"phones\": [{\"number\": \"088 000 0200\"}]} | desk is tekst",
        "{\"desk\": \"Balie\"}                                | Geef minstens één telefoonnummer: CT moet iemand kunnen bellen",
    })
    void a_wrong_body_gets_its_dutch_sentence(String body, String expected) throws JsonProcessingException {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SecretContact.fromJson(Json.mapper().readTree(body)));

        assertEquals(expected, error.getMessage());
    }

    @Test
    void a_contact_reads_back_as_it_was_stored() throws JsonProcessingException {
        SecretContact contact = SecretContact.fromJson(Json.mapper().readTree(
                "{\"desk\": \"Balie\", \"phones\": [{\"number\": \"088 000 0200\", \"note\": \"24/7\"}, {\"number\": \"06-12345678\"}],"
                        + " \"hours\": \"24/7\"}"));

        assertEquals(new SecretContact("Balie", List.of(new Phone("088 000 0200", "24/7"), new Phone("06-12345678", null)), "24/7"),
                contact);
        assertEquals(contact, SecretContact.read(contact.stored()).orElseThrow());
    }
}
