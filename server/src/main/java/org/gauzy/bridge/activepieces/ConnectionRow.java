package org.gauzy.bridge.activepieces;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * One app connection as an Activepieces page listed it: where it stands in the walk, the tenant its metadata
 * names, and its JSON, which an answer writes out as Activepieces sent it, less any {@code value} (see
 * {@link ConnectionPage}).
 *
 * @param tenantId {@code metadata.tenantId}, when it is a string
 */
// The API's description of a row is Activepieces' connection, not this record's components, which no answer shows.
@Schema(
        type = "object",
        description = "An Activepieces app connection as Activepieces lists it (AppConnectionWithoutSensitiveData)")
record ConnectionRow(
        @Schema(hidden = true) ConnectionWalk.Position at,
        @Schema(hidden = true) @Nullable String tenantId,
        @Schema(hidden = true) RawJson raw)
        implements JacksonSerializable {

    String id() {
        return at.id();
    }

    /** The connection's JSON text. */
    String json() {
        return raw.getValue();
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        generator.writeRawValue(raw);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer types) {
        serialize(generator, context);
    }

    /** The row's place only. */
    @Override
    public String toString() {
        return "ConnectionRow[" + at + "]";
    }
}
