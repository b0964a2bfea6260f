package org.gauzy.bridge.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** The bodies of {@code /api/auth/*}, in Gauzy's shapes. */
final class AuthRequests {

    private AuthRequests() {
    }

    record Login(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String password) {
    }

    record Refresh(@JsonProperty("refresh_token") @NotBlank @Size(max = 200) String refreshToken) {
    }

    record Register(@Valid @NotNull NewUser user, @NotBlank @Size(min = 8, max = 64) String password,
            @NotBlank String confirmPassword) {
    }

    /** A person's details, as Gauzy's register and user forms send them. */
    record NewUser(@NotBlank @Email @Size(max = 320) String email, @Size(max = 100) @Nullable String firstName,
            @Size(max = 100) @Nullable String lastName,
            @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            @Nullable String imageUrl,
            @Size(max = 10) @Nullable String preferredLanguage) {
    }

    /** What sign-in and refresh answer; {@code refresh_token} is Gauzy's spelling. */
    record Tokens(UserView user, String token, @JsonProperty("refresh_token") String refreshToken) {
    }
}
