package io.voicegate.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.usage.ApiEndpoint;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;

/**
 * How core values read in JSON documents built from arbitrary core records (the data export): a user id as its
 * UUID text, a purpose and an API endpoint kind as their wire names, an outcome in lower case.
 */
final class CoreValues {

    private CoreValues() {
    }

    static ObjectMapper mapper() {
        var module = new SimpleModule("voicegate-core-values");
        module.addSerializer(UserId.class, as(UserId::toString));
        module.addSerializer(Purpose.class, as(Purpose::id));
        module.addSerializer(ApiEndpoint.class, as(ApiEndpoint::wire));
        module.addSerializer(Outcome.class, as(o -> o.name().toLowerCase(Locale.ROOT)));
        return Json.mapper().registerModule(module);
    }

    private static <T> JsonSerializer<T> as(Function<T, String> text) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(text.apply(value));
            }
        };
    }
}
