package org.gauzy.bridge.identity;

import org.jspecify.annotations.Nullable;

/** Changes to a person's details: each field that is null keeps what is stored. */
public record UserChanges(
        @Nullable String email,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String imageUrl,
        @Nullable String preferredLanguage) {}
