package io.resellerkit.spring.web;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's own JSON mapper and the message converter that uses it for the API's bodies
 * ({@link ApiModels}) only. The host's JSON settings (lenient unknown fields, a naming strategy,
 * dates as numbers) apply to the host's own endpoints and cannot change the API's contract:
 * here an unknown field, a number given as text or a fraction for an integer is refused.
 */
final class ApiJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ApiJson() {
    }

    /** Reads and writes the API's bodies, and nothing else. */
    static JacksonJsonHttpMessageConverter converter() {
        return new JacksonJsonHttpMessageConverter(MAPPER) {
            @Override
            public boolean canRead(ResolvableType type, MediaType mediaType) {
                return isApiModel(type) && super.canRead(type, mediaType);
            }

            @Override
            public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
                return isApiModel(ResolvableType.forClass(valueClass)) && super.canWrite(type, valueClass, mediaType);
            }
        };
    }

    private static boolean isApiModel(ResolvableType type) {
        Class<?> raw = type.resolve();
        return raw != null && raw.getEnclosingClass() == ApiModels.class;
    }
}
