package org.gauzy.bridge.oauth;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * What the token, revocation and introspection endpoints read from a body, for the API document: the handlers
 * take the fields as a map, form-encoded or JSON, and the document would otherwise show the map's own class.
 */
final class TokenEndpointFields {

    private TokenEndpointFields() {}

    /** The body of a token request, form-encoded or JSON. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                        schema = @Schema(implementation = TokenRequest.class)),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = TokenRequest.class))
            })
    @interface TokenRequestBody {}

    /** The body of a revocation or an introspection request, form-encoded or JSON. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                        schema = @Schema(implementation = TokenInspectionRequest.class)),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = TokenInspectionRequest.class))
            })
    @interface TokenInspectionRequestBody {}

    private static final String CLIENT_ID =
            "The app's client id, here or as the user of HTTP Basic authentication (client_secret_basic)";
    private static final String CLIENT_SECRET =
            "The app's secret, here (client_secret_post) or as the password of HTTP Basic authentication";

    /** RFC 6749 §4.1.3 (a code for tokens) and §6 (a refresh token for new ones), with PKCE (RFC 7636). */
    @Schema(name = "TokenRequest")
    record TokenRequest(
            @Schema(
                    name = "grant_type",
                    requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"authorization_code", "refresh_token"})
            String grantType,

            @Schema(description = "The authorization code (authorization_code)") @Nullable
            String code,

            @Schema(
                    name = "redirect_uri",
                    description = "The redirect URI the code was asked for with (authorization_code)")
            @Nullable
            String redirectUri,

            @Schema(
                    name = "code_verifier",
                    description = "PKCE's verifier, when the code was asked for with a challenge")
            @Nullable
            String codeVerifier,

            @Schema(name = "refresh_token", description = "The refresh token (refresh_token)") @Nullable
            String refreshToken,

            @Schema(description = "Fewer scopes than the refresh token's, space-separated (refresh_token)") @Nullable
            String scope,

            @Schema(name = "client_id", description = CLIENT_ID) @Nullable
            String clientId,

            @Schema(name = "client_secret", description = CLIENT_SECRET) @Nullable
            String clientSecret) {}

    /** RFC 7009 (revocation) and RFC 7662 (introspection). */
    @Schema(name = "TokenInspectionRequest")
    record TokenInspectionRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "An access or refresh token")
            String token,

            @Schema(
                    name = "token_type_hint",
                    allowableValues = {"access_token", "refresh_token"})
            @Nullable
            String tokenTypeHint,

            @Schema(name = "client_id", description = CLIENT_ID) @Nullable
            String clientId,

            @Schema(name = "client_secret", description = CLIENT_SECRET) @Nullable
            String clientSecret) {}
}
