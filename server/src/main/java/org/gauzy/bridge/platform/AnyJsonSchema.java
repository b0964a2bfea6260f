package org.gauzy.bridge.platform;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * In the API document (/api/docs), a body or field the service takes or gives as JSON it does not model (Gauzy's
 * task bodies with TypeORM's relation objects, what Activepieces answers) is any JSON object: the document generator
 * would otherwise describe the parser's node class by its getters ({@code isArray}, {@code nodeType}…).
 */
final class AnyJsonSchema implements ModelConverter {

    @Override
    public @Nullable Schema<?> resolve(
            AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (JsonNode.class.isAssignableFrom(raw)) {
            return new ObjectSchema().description("Any JSON object");
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
