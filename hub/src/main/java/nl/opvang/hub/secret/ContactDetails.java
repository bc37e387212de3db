package nl.opvang.hub.secret;

import java.util.List;
import nl.opvang.hub.location.Phone;

/**
 * What break-glass opens about a secret location: whom to call. Never an address (the hub stores none,
 * docs/DESIGN.md §5).
 *
 * @param contact the admin's structured contact; {@code null} when none was set, or when what is stored does not pass
 *                today's checks (then {@code reenter} is true: an admin must enter it again)
 */
public record ContactDetails(String code, String name, String phone, Contact contact, boolean reenter) {

    /** The contact as answered: each number also as a {@code tel:} link. */
    public record Contact(String desk, List<Number> phones, String hours) {
        static Contact of(SecretContact contact) {
            return new Contact(contact.desk(), contact.phones().stream().map(Number::of).toList(), contact.hours());
        }
    }

    /** One phone number, its note and its {@code tel:} link. */
    public record Number(String number, String note, String tel) {
        static Number of(Phone phone) {
            return new Number(phone.number(), phone.note(), phone.tel());
        }
    }
}
