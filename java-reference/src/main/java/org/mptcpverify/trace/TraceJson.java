package org.mptcpverify.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The common fields of a counterexample file (docs/threat-model.md, "Counterexample files"):
 * reading with a one-line reason for anything malformed. The one format left is the segment level's
 * ({@code SegmentTraceJson}); the exchange-level format ({@link #RETIRED_FORMAT}) is refused by name.
 */
public final class TraceJson {
    /** The exchange-level format, whose replay was deleted in session 14 (docs/traces-engine.md). */
    public static final String RETIRED_FORMAT = "mptcp-verify-counterexample/1";
    /** Far above any counterexample the engines write (some kB). */
    public static final long MAX_FILE_BYTES = 1L << 20;
    // Strict: one JSON object and nothing after it, no key twice (a reader must not pick one).
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TraceJson() {}

    /** A file that is not a valid counterexample: the message says what is wrong. */
    public static final class BadTraceFileException extends Exception {
        public BadTraceFileException(String message) {
            super(oneLine(message));
        }

        /** The message echoes values from the file: control characters (a newline in a field) are escaped so it stays one line. */
        private static String oneLine(String message) {
            StringBuilder sb = new StringBuilder(message.length());
            message.codePoints().forEach(c -> {
                if (Character.isISOControl(c)) {
                    sb.append(String.format("\\u%04x", c));
                } else {
                    sb.appendCodePoint(c);
                }
            });
            return sb.toString();
        }
    }

    /** The text of a counterexample file of any format, within the size limit. */
    public static String readText(Path file) throws BadTraceFileException {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadTraceFileException(Files.exists(file) ? "not a regular file" : "no such file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new BadTraceFileException(size + " bytes, more than the " + MAX_FILE_BYTES + " a counterexample may have");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadTraceFileException("cannot read: " + e.getMessage());
        }
        return text;
    }

    /** The strict parse of a counterexample file's text into a JSON object (one object, no key twice). */
    public static JsonNode tree(String text) throws BadTraceFileException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // one line: the CLI prints this message as its whole answer
            throw new BadTraceFileException("not JSON: " + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "));
        }
        if (root == null || !root.isObject()) {
            throw new BadTraceFileException("not a JSON object");
        }
        return root;
    }

    /** The fields every counterexample format starts with (keyedSide differs between formats). */
    public record Header(String engine, SchemeId scheme, AttackId attack, PropertyId property, long seed,
                         boolean attackerHasKey) {}

    /** Reads and checks the common fields of a file of format {@code format}. */
    public static Header header(JsonNode root, String format) throws BadTraceFileException {
        return header(root, format, SchemeId::byName);
    }

    /** As {@link #header(JsonNode, String)}, with {@code schemes} resolving the scheme name. */
    public static Header header(JsonNode root, String format,
                                java.util.function.Function<String, java.util.Optional<SchemeId>> schemes) throws BadTraceFileException {
        String declared = text(root, "format");
        if (RETIRED_FORMAT.equals(declared) && !format.equals(declared)) {
            // the committed files were regenerated at segment level; an old file names its format, not a parse error
            throw new BadTraceFileException("format '" + RETIRED_FORMAT + "' (exchange-level actions) is no longer supported: only '"
                    + format + "' files replay; regenerate it with the engine that wrote it");
        }
        if (!format.equals(declared)) {
            throw new BadTraceFileException("\"format\" is '" + declared + "', expected '" + format + "'");
        }
        String engine = text(root, "engine");
        SchemeId scheme = schemes.apply(text(root, "scheme"))
                .orElseThrow(() -> new BadTraceFileException("unknown scheme '" + root.get("scheme").asText() + "'"));
        AttackId attack = AttackId.byName(text(root, "attack"))
                .orElseThrow(() -> new BadTraceFileException("unknown attack '" + root.get("attack").asText() + "'"));
        PropertyId property = PropertyId.byName(text(root, "property"))
                .orElseThrow(() -> new BadTraceFileException("unknown property '" + root.get("property").asText() + "'"));
        if (!attack.applicableProperties(scheme).contains(property)) {
            throw new BadTraceFileException("property " + property + " is not checked by " + attack + " on " + scheme);
        }
        JsonNode seed = root.get("seed");
        if (seed == null || !seed.isIntegralNumber() || !seed.canConvertToLong()) {
            throw new BadTraceFileException("\"seed\" must be an integer");
        }
        JsonNode hk = root.get("attackerHasKey");
        if (hk == null || !hk.isBoolean()) {
            throw new BadTraceFileException("\"attackerHasKey\" must be true or false");
        }
        return new Header(engine, scheme, attack, property, seed.asLong(), hk.asBoolean());
    }

    /** A required string field. */
    public static String text(JsonNode root, String field) throws BadTraceFileException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new BadTraceFileException("missing string field \"" + field + "\"");
        }
        return n.asText();
    }
}
