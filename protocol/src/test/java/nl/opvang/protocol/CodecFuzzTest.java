package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing the codec (docs/DESIGN.md §9, "a flood of malformed or oversized messages"): whatever arrives, decoding gives
 * a record that re-encodes to itself, or throws {@link ProtocolException}, the one documented decode failure; never
 * another exception and never a hang. Tries per property: {@code jqwik.tries.default} (junit-platform.properties; more
 * with {@code -Djqwik.tries.default=...}, docs/RELIABILITY.md).
 */
class CodecFuzzTest {
    private static final Codec CODEC = new Codec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutorService DECODER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fuzz-decoder");
        thread.setDaemon(true);
        return thread;
    });
    /** Far above any real decode (microseconds); a decode this slow counts as a hang. */
    private static final long HANG_SECONDS = 2;

    /** Each decoder of the wire contract, with the encoder that makes its valid samples. */
    enum Decoder {
        NODE_MESSAGE(Codec::decodeNodeMessage, Samples.nodeMessages(), (codec, value) -> codec.encode((NodeMessage) value)),
        NODE_STATUS(Codec::decodeNodeStatus, Samples.nodeStatuses(), (codec, value) -> codec.encode((NodeStatus) value)),
        HUB_STATUS(Codec::decodeHubStatus, Samples.hubStatuses(), (codec, value) -> codec.encode((HubStatus) value)),
        ACK(Codec::decodeAck, Samples.acks(), (codec, value) -> codec.encode((Ack) value)),
        COMMAND(Codec::decodeCommand, Samples.commands(), (codec, value) -> codec.encode((Command) value));

        final BiFunction<Codec, byte[], Object> decode;
        final List<byte[]> valid;
        final BiFunction<Codec, Object, byte[]> encode;

        Decoder(BiFunction<Codec, byte[], Object> decode, List<?> samples, BiFunction<Codec, Object, byte[]> encode) {
            this.decode = decode;
            this.encode = encode;
            this.valid = samples.stream().map(sample -> encode.apply(new Codec(), sample)).toList();
        }
    }

    @AfterContainer
    static void stopDecoder() {
        DECODER.shutdownNow();
    }

    @Property
    void arbitrary_bytes_decode_or_throw_the_protocol_exception(@ForAll @Size(max = 512) byte[] payload,
                                                                @ForAll Decoder decoder) {
        decodesOrRefuses(decoder, payload);
    }

    @Property
    void arbitrary_text_decodes_or_throws_the_protocol_exception(@ForAll @Size(max = 512) String text,
                                                                 @ForAll Decoder decoder) {
        decodesOrRefuses(decoder, text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void mutated_valid_messages_decode_or_throw_the_protocol_exception(@ForAll("mutatedBytes") Mutated mutated) {
        decodesOrRefuses(mutated.decoder(), mutated.payload());
    }

    @Property
    void valid_messages_with_a_field_replaced_decode_or_throw_the_protocol_exception(
            @ForAll("fieldReplaced") Mutated mutated) {
        decodesOrRefuses(mutated.decoder(), mutated.payload());
    }

    @Property(tries = 20)
    void deeply_nested_or_huge_payloads_are_refused_quickly(@ForAll Decoder decoder,
                                                            @ForAll("hugeOrDeep") byte[] payload) {
        decodesOrRefuses(decoder, payload);
    }

    record Mutated(Decoder decoder, byte[] payload) {
        @Override
        public String toString() {
            return decoder + " " + new String(payload, StandardCharsets.UTF_8);
        }
    }

    @Provide
    Arbitrary<Mutated> mutatedBytes() {
        Arbitrary<Decoder> decoders = Arbitraries.of(Decoder.class);
        return decoders.flatMap(decoder -> Combinators.combine(Arbitraries.of(decoder.valid),
                        mutation().list().ofMinSize(1).ofMaxSize(6))
                .as((valid, mutations) -> {
                    byte[] payload = valid;
                    for (Function<byte[], byte[]> mutate : mutations) {
                        payload = mutate.apply(payload);
                    }
                    return new Mutated(decoder, payload);
                }));
    }

    /** One byte-level change: flip, overwrite, delete, insert, truncate or duplicate a stretch. */
    private static Arbitrary<Function<byte[], byte[]>> mutation() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Byte> anyByte = Arbitraries.bytes();
        Arbitrary<Byte> jsonByte = Arbitraries.of((byte) '{', (byte) '}', (byte) '[', (byte) ']', (byte) '"', (byte) ':',
                (byte) ',', (byte) '\\', (byte) '0', (byte) '-', (byte) 'e', (byte) ' ', (byte) 0, (byte) 0xC3, (byte) 0xFF);
        return Arbitraries.oneOf(
                Combinators.combine(position, anyByte).as((at, value) -> payload -> overwrite(payload, at, value)),
                Combinators.combine(position, jsonByte).as((at, value) -> payload -> overwrite(payload, at, value)),
                Combinators.combine(position, jsonByte).as((at, value) -> payload -> insert(payload, at, value)),
                Combinators.combine(position, Arbitraries.integers().between(1, 40))
                        .as((at, length) -> payload -> delete(payload, at, length)),
                position.map(at -> payload -> Arrays.copyOf(payload, payload.length == 0 ? 0 : at % payload.length)),
                Combinators.combine(position, Arbitraries.integers().between(1, 40))
                        .as((at, length) -> payload -> duplicate(payload, at, length)));
    }

    @Provide
    Arbitrary<Mutated> fieldReplaced() {
        Arbitrary<Decoder> decoders = Arbitraries.of(Decoder.class);
        return decoders.flatMap(decoder -> Combinators.combine(Arbitraries.of(decoder.valid),
                        Arbitraries.integers().between(0, 100), jsonValue())
                .as((valid, pick, value) -> new Mutated(decoder, replaceField(valid, pick, value))));
    }

    /** A JSON value of any type, with the edge cases a node might get wrong: huge numbers, empty text, nulls. */
    private static Arbitrary<JsonNode> jsonValue() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.just(nodes.nullNode()),
                Arbitraries.just(nodes.missingNode()),
                Arbitraries.of(true, false).map(nodes::booleanNode),
                Arbitraries.longs().map(nodes::numberNode),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 65_536L, 4_294_967_296L).map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(40)),
                        new java.math.BigInteger("1" + "0".repeat(40))).map(nodes::numberNode),
                Arbitraries.strings().ofMaxLength(40).map(nodes::textNode),
                Arbitraries.of("", " ", "2026-11-22T22:14:03Z", "2026-13-40T25:61:61Z", "00000000-0000-0000-0000-000000000000",
                        "not-a-uuid", "regular", "crisis", "nood", "check_in", "free", "occupied", "\u0000", "T5",
                        "a".repeat(70_000)).map(nodes::textNode));
        return Arbitraries.oneOf(scalar,
                scalar.list().ofMaxSize(4).map(values -> {
                    var array = nodes.arrayNode();
                    values.forEach(array::add);
                    return array;
                }),
                scalar.map(value -> nodes.objectNode().set("x", value)));
    }

    /** The valid message with its {@code pick}-th field (among all, nested too) replaced by {@code value}. */
    private static byte[] replaceField(byte[] valid, int pick, JsonNode value) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(valid);
            List<ObjectNode> parents = new ArrayList<>();
            List<String> names = new ArrayList<>();
            collect(root, parents, names);
            int index = pick % parents.size();
            if (value.isMissingNode()) {
                parents.get(index).remove(names.get(index));
            } else {
                parents.get(index).set(names.get(index), value);
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> parents, List<String> names) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                parents.add(object);
                names.add(name);
            });
        }
        node.elements().forEachRemaining(child -> collect(child, parents, names));
    }

    @Provide
    Arbitrary<byte[]> hugeOrDeep() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(17, 5_000).map(depth -> ("[".repeat(depth) + "]".repeat(depth)).getBytes()),
                Arbitraries.integers().between(17, 5_000)
                        .map(depth -> ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes()),
                Arbitraries.integers().between(Codec.MAX_BYTES - 10, Codec.MAX_BYTES * 4)
                        .map(length -> ("{\"v\":1,\"id\":\"" + "9".repeat(length) + "\"}").getBytes()),
                Arbitraries.integers().between(1_000, 100_000).map(length -> ("{\"v\":" + "9".repeat(length) + "}").getBytes()));
    }

    private static void decodesOrRefuses(Decoder decoder, byte[] payload) {
        Future<Object> decoding = DECODER.submit(() -> decoder.decode.apply(CODEC, payload));
        Object decoded;
        try {
            decoded = decoding.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            decoding.cancel(true);
            throw new AssertionError(decoder + " hung on " + preview(payload));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProtocolException) {
                return;
            }
            fail(decoder + " threw " + e.getCause() + " instead of ProtocolException on " + preview(payload), e.getCause());
            return;
        }
        assertNotNull(decoded, decoder + " returned null");
        // A record that decoded is valid: it encodes, and decodes again to itself.
        assertEquals(decoded, decoder.decode.apply(CODEC, decoder.encode.apply(CODEC, decoded)), preview(payload));
    }

    private static String preview(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "… (" + payload.length + " bytes)" : text;
    }

    private static byte[] overwrite(byte[] payload, int at, byte value) {
        if (payload.length == 0) {
            return payload;
        }
        byte[] copy = payload.clone();
        copy[at % copy.length] = value;
        return copy;
    }

    private static byte[] insert(byte[] payload, int at, byte value) {
        int index = at % (payload.length + 1);
        byte[] copy = new byte[payload.length + 1];
        System.arraycopy(payload, 0, copy, 0, index);
        copy[index] = value;
        System.arraycopy(payload, index, copy, index + 1, payload.length - index);
        return copy;
    }

    private static byte[] delete(byte[] payload, int at, int length) {
        if (payload.length == 0) {
            return payload;
        }
        int from = at % payload.length;
        int to = Math.min(payload.length, from + length);
        byte[] copy = new byte[payload.length - (to - from)];
        System.arraycopy(payload, 0, copy, 0, from);
        System.arraycopy(payload, to, copy, from, payload.length - to);
        return copy;
    }

    private static byte[] duplicate(byte[] payload, int at, int length) {
        if (payload.length == 0) {
            return payload;
        }
        int from = at % payload.length;
        int to = Math.min(payload.length, from + length);
        byte[] copy = new byte[payload.length + (to - from)];
        System.arraycopy(payload, 0, copy, 0, to);
        System.arraycopy(payload, from, copy, to, to - from);
        System.arraycopy(payload, to, copy, to + (to - from), payload.length - to);
        return copy;
    }
}
