package org.gauzy.bridge.oauth;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.platform.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token, revocation and introspection endpoints. They take form-encoded bodies (RFC 6749) and,
 * as Gauzy does, JSON; answers and errors are RFC 6749's, never cached.
 */
@RestController
@RequestMapping(OAuthPaths.BASE)
class TokenController {

    private final ClientAuthentication clientAuthentication;
    private final AuthorizationCodes codes;
    private final RefreshGrant refreshGrant;
    private final TokenInspection inspection;

    TokenController(
            ClientAuthentication clientAuthentication,
            AuthorizationCodes codes,
            RefreshGrant refreshGrant,
            TokenInspection inspection) {
        this.clientAuthentication = clientAuthentication;
        this.codes = codes;
        this.refreshGrant = refreshGrant;
        this.inspection = inspection;
    }

    @PostMapping(value = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @TokenEndpointFields.TokenRequestBody
    ResponseEntity<TokenResponse> tokenFromForm(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        return token(singles(form), request);
    }

    @PostMapping(value = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    @TokenEndpointFields.TokenRequestBody
    ResponseEntity<TokenResponse> tokenFromJson(
            @Parameter(hidden = true) @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return token(strings(body), request);
    }

    @PostMapping(value = "/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @TokenEndpointFields.TokenInspectionRequestBody
    ResponseEntity<Void> revokeFromForm(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        return revoke(singles(form), request);
    }

    @PostMapping(value = "/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    @TokenEndpointFields.TokenInspectionRequestBody
    ResponseEntity<Void> revokeFromJson(
            @Parameter(hidden = true) @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return revoke(strings(body), request);
    }

    @PostMapping(value = "/introspect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @TokenEndpointFields.TokenInspectionRequestBody
    ResponseEntity<Map<String, Object>> introspectFromForm(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        return introspect(singles(form), request);
    }

    @PostMapping(value = "/introspect", consumes = MediaType.APPLICATION_JSON_VALUE)
    @TokenEndpointFields.TokenInspectionRequestBody
    ResponseEntity<Map<String, Object>> introspectFromJson(
            @Parameter(hidden = true) @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return introspect(strings(body), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return error(OAuthError.of(
                OAuthError.INVALID_REQUEST,
                "The body is not valid JSON; send a form-encoded"
                        + " body (application/x-www-form-urlencoded) or a JSON object"));
    }

    @ExceptionHandler(OAuthError.class)
    ResponseEntity<Map<String, String>> error(OAuthError error) {
        var response = ResponseEntity.status(error.status())
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (error.basicChallenge()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth\", charset=\"UTF-8\"");
        }
        if (error.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, ApiException.retryAfterHeader(error.retryAfter()));
        }
        return response.body(Map.of("error", error.error(), "error_description", error.description()));
    }

    private ResponseEntity<Void> revoke(Map<String, String> parameters, HttpServletRequest request) {
        refuseSecretsInUrl(request);
        inspection.revoke(client(parameters, request), parameters.get("token"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    private ResponseEntity<Map<String, Object>> introspect(Map<String, String> parameters, HttpServletRequest request) {
        refuseSecretsInUrl(request);
        return noStore(inspection.introspect(client(parameters, request), parameters.get("token")));
    }

    private ResponseEntity<TokenResponse> token(Map<String, String> parameters, HttpServletRequest request) {
        refuseSecretsInUrl(request);
        var client = client(parameters, request);
        String grantType = parameters.get("grant_type");
        if (grantType == null) {
            throw OAuthError.of(OAuthError.INVALID_REQUEST, "grant_type is required");
        }
        TokenResponse tokens = switch (grantType) {
            case ClientRules.AUTHORIZATION_CODE ->
                codes.exchange(
                        client,
                        parameters.get("code"),
                        parameters.get("redirect_uri"),
                        parameters.get("code_verifier"));
            case ClientRules.REFRESH_TOKEN ->
                refreshGrant.refresh(client, parameters.get("refresh_token"), parameters.get("scope"));
            default ->
                throw OAuthError.of(
                        OAuthError.UNSUPPORTED_GRANT_TYPE, "grant_type must be authorization_code or refresh_token");
        };
        return noStore(tokens);
    }

    private OAuthClientRepository.Client client(Map<String, String> parameters, HttpServletRequest request) {
        return clientAuthentication.authenticate(
                request.getHeader(HttpHeaders.AUTHORIZATION), parameters, request.getRemoteAddr());
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(body);
    }

    /** What must never ride in a URL, where logs, proxies and browser history keep it (RFC 6749 §2.3.1, §3.2). */
    private static final java.util.Set<String> SECRETS =
            java.util.Set.of("client_secret", "code", "code_verifier", "refresh_token", "token", "password");

    private static void refuseSecretsInUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            try {
                name = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                // judged as sent
            }
            if (SECRETS.contains(name)) {
                throw OAuthError.of(
                        OAuthError.INVALID_REQUEST,
                        name + " must not be in the URL: send it in the body"
                                + (name.equals("client_secret") ? " or a Basic Authorization header" : ""));
            }
        }
    }

    /** Every parameter once (RFC 6749 §3.2): a repeated one is refused rather than guessed at. */
    private static Map<String, String> singles(MultiValueMap<String, String> form) {
        var out = new LinkedHashMap<String, String>();
        form.forEach((name, values) -> {
            if (values.size() != 1) {
                throw OAuthError.of(OAuthError.INVALID_REQUEST, name + " must be sent once");
            }
            out.put(name, values.get(0));
        });
        return out;
    }

    private static Map<String, String> strings(Map<String, Object> body) {
        var out = new LinkedHashMap<String, String>();
        body.forEach((name, value) -> {
            if (value instanceof String text) {
                out.put(name, text);
            } else if (value != null && !(value instanceof Map || value instanceof List)) {
                out.put(name, value.toString());
            } else if (value != null) {
                throw OAuthError.of(OAuthError.INVALID_REQUEST, name + " must be a string");
            }
        });
        return out;
    }
}
