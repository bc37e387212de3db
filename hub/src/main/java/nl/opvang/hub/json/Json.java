package nl.opvang.hub.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The hub's one JSON configuration (issue 12 item 6): every mapper in the hub comes from here, so times are ISO-8601
 * UTC strings everywhere and a request body with an unknown field is refused the same way in every feature.
 * {@code JsonSourceScanTest} fails on an {@code ObjectMapper} built anywhere else. The mappers are shared and must not be
 * reconfigured; a caller that needs another feature takes a reader or writer ({@code mapper().readerFor(..).with(..)}).
 */
public final class Json {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    /** The region file's reader (docs/DESIGN.md §7): YAML, strict about unknown fields (the schema names them first). */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** The HTTP interface's and the database's JSON: times as ISO-8601 UTC strings, never as numbers. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /** The YAML of the region file. */
    public static ObjectMapper yaml() {
        return YAML;
    }
}
