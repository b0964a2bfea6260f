package org.gauzy.bridge.oauth;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.platform.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authorization server metadata (RFC 8414) at {@code /.well-known/oauth-authorization-server}, and at
 * the path-inserted address when the issuer has a path (RFC 8414 §3.1). {@code issuer} is the same
 * string that tokens carry as {@code iss}.
 */
@RestController
class MetadataController {

    static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

    private final DelegatedAccess access;

    MetadataController(DelegatedAccess access) {
        this.access = access;
    }

    @GetMapping(
            value = {WELL_KNOWN, WELL_KNOWN + "/**"},
            produces = "application/json")
    ResponseEntity<Map<String, Object>> metadata(HttpServletRequest request) {
        String issuer = access.issuer();
        String issuerPath = URI.create(issuer).getPath();
        String expected = WELL_KNOWN + (issuerPath == null || issuerPath.equals("/") ? "" : issuerPath);
        if (!request.getRequestURI().equals(expected)) {
            throw new ApiException.NotFound(
                    "Authorization server metadata",
                    request.getRequestURI() + " (the issuer's metadata is at " + expected + ")");
        }
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("issuer", issuer);
        metadata.put("authorization_endpoint", issuer + OAuthPaths.AUTHORIZE);
        metadata.put("token_endpoint", issuer + OAuthPaths.TOKEN);
        metadata.put("revocation_endpoint", issuer + OAuthPaths.REVOKE);
        metadata.put("introspection_endpoint", issuer + OAuthPaths.INTROSPECT);
        metadata.put("jwks_uri", issuer + OAuthPaths.JWKS);
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("response_modes_supported", List.of("query"));
        metadata.put("grant_types_supported", List.of(ClientRules.AUTHORIZATION_CODE, ClientRules.REFRESH_TOKEN));
        metadata.put(
                "scopes_supported",
                Arrays.stream(OAuthScope.values()).map(OAuthScope::value).toList());
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        List<String> authMethods = List.of("client_secret_basic", "client_secret_post", "none");
        metadata.put("token_endpoint_auth_methods_supported", authMethods);
        metadata.put("revocation_endpoint_auth_methods_supported", authMethods);
        metadata.put("introspection_endpoint_auth_methods_supported", authMethods);
        metadata.put("authorization_response_iss_parameter_supported", true);
        metadata.put("prompt_values_supported", List.of("none", "consent"));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(metadata);
    }
}
