package nl.opvang.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import nl.opvang.hub.http.ErrorAnswer;
import nl.opvang.hub.json.Json;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes itself, before Javalin (and so {@link Hardening}) sees a request: a URI or header it cannot
 * parse (400), a URI or a header block past the buffer (414, 431). Without this they went out as Jetty's HTML page
 * without the security headers; now they carry the same headers as every other answer and the same JSON error shape,
 * in Dutch, echoing nothing the client sent.
 */
final class ServerErrors extends ErrorHandler {
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = Json.mapper();

    ServerErrors() {
        setCacheControl("no-store");
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        HttpFields.Mutable headers = response.getHeaders();
        secure(headers);
        headers.put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /** Used by Jetty when the request could not even be built (e.g. a header block too large to parse). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        secure(fields);
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return ByteBuffer.wrap(body(status));
    }

    private static void secure(HttpFields.Mutable headers) {
        Hardening.HEADERS.forEach(headers::put);
        headers.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    }

    private static byte[] body(int status) {
        try {
            return MAPPER.writeValueAsBytes(new ErrorAnswer(message(status)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "Ongeldig verzoek";
            case 408 -> "Het verzoek kwam te traag binnen";
            case 413 -> "Het verzoek is te groot";
            case 414 -> "Het adres is te lang";
            case 431 -> "De kopregels van het verzoek zijn te groot";
            default -> status >= 500 ? "Er ging iets mis in de centrale; probeer het opnieuw" : "Het verzoek kon niet worden verwerkt";
        };
    }
}
