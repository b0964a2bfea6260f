package org.gauzy.bridge.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A person's details, as Gauzy's register, user and employee forms send them. */
public record UserDetails(
        @NotBlank @Email @Size(max = 320) String email,
        @Size(max = 100) @Nullable String firstName,
        @Size(max = 100) @Nullable String lastName,

        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Nullable
        String imageUrl,

        @Size(max = 10) @Nullable String preferredLanguage) {}
