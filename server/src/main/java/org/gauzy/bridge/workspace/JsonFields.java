package org.gauzy.bridge.workspace;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON body as the piece sends it, read field by field with the field named in every error, so
 * that an update changes only what was sent (a field sent as null clears it). Fields a handler does
 * not read ({@code version}, {@code sentTo}, …) are ignored, as everywhere.
 */
final class JsonFields {

    private final JsonNode body;

    JsonFields(JsonNode body) {
        if (!body.isObject()) {
            throw new ApiException.BadRequest("The request body must be a JSON object");
        }
        this.body = body;
    }

    boolean has(String field) {
        return body.has(field);
    }

    /** Present and not null. */
    boolean sets(String field) {
        return body.hasNonNull(field);
    }

    @Nullable
    String text(String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ApiException.BadRequest(field + " must be a string");
        }
        String text = value.asString().trim();
        if (text.length() > max) {
            throw new ApiException.BadRequest(field + " must be at most " + max + " characters");
        }
        return text;
    }

    Optional<Boolean> bool(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new ApiException.BadRequest(field + " must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    @Nullable
    Integer seconds(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // canConvertToInt first: asLong() of a number beyond 64 bits throws instead of answering.
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new ApiException.BadRequest(field + " must be a whole number of seconds, 0 or more");
        }
        return value.asInt();
    }

    /** An ISO-8601 instant, or a date (taken as midnight UTC). */
    @Nullable
    OffsetDateTime date(String field) {
        return date(field, text(field, 40));
    }

    /** The same reading for a query parameter. */
    static @Nullable OffsetDateTime date(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ApiException.BadRequest(field + " must be an ISO-8601 date or date-time");
            }
        }
    }

    @Nullable
    UUID id(String field) {
        String text = text(field, 36);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(field + " must be a UUID");
        }
    }

    /** {@code [{id}, …]} or {@code [id, …]}. */
    List<UUID> ids(String field) {
        var out = new LinkedHashSet<UUID>();
        for (JsonNode item : array(field)) {
            String id = item.isObject() ? item.path("id").asString(null) : item.isString() ? item.asString() : null;
            try {
                out.add(UUID.fromString(String.valueOf(id)));
            } catch (IllegalArgumentException e) {
                throw new ApiException.BadRequest(field + " must be a list of {id} with UUIDs");
            }
        }
        return List.copyOf(out);
    }

    /** {@code ["urgent", …]} or {@code [{name}, …]}. */
    List<String> names(String field) {
        var out = new LinkedHashSet<String>();
        for (JsonNode item : array(field)) {
            String name = item.isObject() ? item.path("name").asString(null) : item.isString() ? item.asString() : null;
            if (name == null || name.isBlank() || name.length() > 100) {
                throw new ApiException.BadRequest(field + " must be a list of names (1 to 100 characters)");
            }
            out.add(name.trim());
        }
        return new ArrayList<>(out);
    }

    private Iterable<JsonNode> array(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ApiException.BadRequest(field + " must be a list");
        }
        return value;
    }
}
