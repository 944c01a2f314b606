package fr.mlml.ledger.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parses a request body into Vert.x JSON values, refusing what a lenient parser would guess at: duplicate keys (two
 * readers could take different ones, and a signature covers only one), trailing content, a root that is not an
 * object. Integers become Long, or BigInteger when out of range; fractions Double; the field checks refuse both.
 */
final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }

    static JsonObject parseObject(Buffer body) {
        if (body == null || body.length() == 0) throw ApiProblem.invalid(null, "a JSON object body is required");
        try (JsonParser p = FACTORY.createParser(body.getBytes())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw ApiProblem.invalid(null, "the body must be a JSON object");
            JsonObject root = object(p);
            if (p.nextToken() != null) throw ApiProblem.invalid(null, "trailing content after the JSON object");
            return root;
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid(null, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory body", e);
        }
    }

    private static JsonObject object(JsonParser p) throws IOException {
        JsonObject o = new JsonObject();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            o.put(name, value(p));
        }
        return o;
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                JsonArray a = new JsonArray();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p));
                yield a;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                    : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw ApiProblem.invalid(null, "unexpected " + p.currentToken());
        };
    }
}
