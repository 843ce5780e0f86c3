package io.voicegate.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads JSON request bodies and turns every way they can be wrong into a {@link BadRequest} that says where: the
 * line and column of a syntax error, or the JSON pointer of a field of the wrong type.
 */
public final class RequestBodies {

    private static final String LIMIT_ATTRIBUTE = "voicegate.body_limit";

    private final ObjectMapper mapper;

    public RequestBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(Context ctx, Class<T> type) {
        return read(ctx.bodyAsBytes(), type);
    }

    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) throw new BadRequest("missing_body", "The request needs a JSON body.", Optional.empty());
        try {
            T value = mapper.readValue(body, type);
            if (value == null) throw new BadRequest("invalid_json", "The body must be a JSON object, not null.", Optional.empty());
            return value;
        } catch (IOException e) {
            throw describe(e);
        }
    }

    public JsonNode tree(Context ctx) {
        return read(ctx.bodyAsBytes(), JsonNode.class);
    }

    /**
     * The body exactly as it arrived, read up to the route's own limit (see {@link HttpSettings#bodyLimitsByPrefix()})
     * even when the client declared no length (chunked). For routes that verify a signature over the raw bytes or
     * accept more than ordinary routes do.
     *
     * @throws PayloadTooLarge when the body is larger than the route's limit
     */
    public static byte[] raw(Context ctx) {
        Long limit = ctx.attribute(LIMIT_ATTRIBUTE);
        long max = limit == null ? HttpSettings.DEFAULT_MAX_BODY_BYTES : limit;
        try (var in = ctx.req().getInputStream()) {
            var out = new java.io.ByteArrayOutputStream();
            var buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > max) throw new PayloadTooLarge(max);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BadRequest("unreadable_body", "The request body could not be read completely.", Optional.empty());
        }
    }

    static void limitTo(Context ctx, long maxBytes) {
        ctx.attribute(LIMIT_ATTRIBUTE, maxBytes);
    }

    static BadRequest describe(IOException e) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            var pointer = pointerOf(mismatch);
            var expected = mismatch.getTargetType() == null ? "another type" : simpleTypeName(mismatch.getTargetType());
            var message = e instanceof InvalidFormatException
                    ? "Field '" + pointer + "' has a value that is not a valid " + expected + "."
                    : "Field '" + pointer + "' must be " + article(expected) + ".";
            return new BadRequest("invalid_field", message, Optional.of(pointer));
        }
        if (e instanceof DatabindException mapping && mapping instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            var pointer = pointerOf(jme);
            return new BadRequest("invalid_field", "Field '" + pointer + "' is not valid.", Optional.of(pointer));
        }
        if (e instanceof JsonProcessingException processing) {
            JsonLocation at = processing.getLocation();
            var where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new BadRequest("invalid_json", "The body is not valid JSON" + where + ".", Optional.empty());
        }
        return new BadRequest("invalid_json", "The body could not be read as JSON.", Optional.empty());
    }

    private static String pointerOf(JsonMappingException e) {
        var pointer = new StringBuilder();
        for (var ref : e.getPath()) {
            pointer.append('/');
            if (ref.getFieldName() != null) {
                pointer.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == String.class) return "string";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "integer";
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) return "number";
        if (type == Boolean.class || type == boolean.class) return "boolean";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "array";
        if (java.util.Map.class.isAssignableFrom(type) || type == JsonNode.class) return "object";
        if (type.isEnum()) return "one of the allowed values";
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) return "RFC 3339 timestamp";
        if (type == java.util.UUID.class) return "UUID";
        return "object";
    }

    private static String article(String noun) {
        if (noun.startsWith("one of")) return noun;
        return ("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
