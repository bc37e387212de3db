package nl.opvang.hub.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * A text field of a request body that must be sent as a JSON string: Jackson would otherwise turn {@code 5} or
 * {@code true} into "5" or "true". Anything else fails binding with a {@code MismatchedInputException} whose path names
 * the field, so that the route answers which field is wrong. {@code null} stays {@code null}.
 */
public final class StrictText extends StdDeserializer<String> {
    private static final long serialVersionUID = 1L;

    public StrictText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}
