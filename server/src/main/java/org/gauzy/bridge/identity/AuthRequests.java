package org.gauzy.bridge.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies of {@code /api/auth/*}, in Gauzy's shapes. */
final class AuthRequests {

    private AuthRequests() {}

    record Login(
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(max = 200) String password) {}

    record Refresh(
            @JsonProperty("refresh_token") @NotBlank @Size(max = 200)
            String refreshToken) {}

    record Register(
            @Valid @NotNull UserDetails user,
            @NotBlank @Size(min = 8, max = 64) String password,
            @NotBlank String confirmPassword) {}

    /** What sign-in and refresh answer; {@code refresh_token} is Gauzy's spelling. */
    record Tokens(
            UserView user,
            String token,
            @JsonProperty("refresh_token") String refreshToken) {}
}
