package org.gauzy.bridge.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;

/** What a client registration must satisfy; every field is enforced later, so it is checked here first. */
final class ClientRules {

    static final String CONFIDENTIAL = "confidential";
    static final String PUBLIC = "public";
    static final String AUTHORIZATION_CODE = "authorization_code";
    static final String REFRESH_TOKEN = "refresh_token";
    static final int ACCESS_TTL_MIN = 60;
    static final int ACCESS_TTL_MAX = 604_800;
    static final int ACCESS_TTL_DEFAULT = 3_600;
    static final int REFRESH_TTL_MIN = 60;
    static final int REFRESH_TTL_MAX = 7_776_000;
    static final int REFRESH_TTL_DEFAULT = 2_592_000;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private ClientRules() {}

    static String clientType(@Nullable String type) {
        String t = type == null ? CONFIDENTIAL : type.trim().toLowerCase(Locale.ROOT);
        if (!t.equals(CONFIDENTIAL) && !t.equals(PUBLIC)) {
            throw new ApiException.BadRequest("clientType must be confidential or public");
        }
        return t;
    }

    /** Exact URIs: https, or http only on a loopback host; no fragment, no wildcard. */
    static List<String> redirectUris(List<String> uris) {
        if (uris.isEmpty() || uris.size() > 10) {
            throw new ApiException.BadRequest("redirectUris must hold 1 to 10 URIs");
        }
        var out = new LinkedHashSet<String>();
        for (String raw : uris) {
            String value = raw == null ? "" : raw.trim();
            if (value.contains("*") || value.contains("#")) {
                throw new ApiException.BadRequest(
                        "redirectUris: '" + value + "' must not have a fragment or a wildcard");
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new ApiException.BadRequest("redirectUris: '" + value + "' is not a valid URI");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback =
                    uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
            if (!uri.isAbsolute() || uri.getHost() == null || value.length() > 2048) {
                throw new ApiException.BadRequest("redirectUris: '" + value + "' must be an absolute URL");
            }
            // java.net.URI takes any digits as a port; -1 means none was given
            if (uri.getPort() == 0
                    || uri.getPort() > 65535
                    || (uri.getPort() < 0
                            && uri.getRawAuthority() != null
                            && uri.getRawAuthority().matches(".*:\\d*$"))) {
                throw new ApiException.BadRequest("redirectUris: '" + value + "' must have a port from 1 to 65535");
            }
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                throw new ApiException.BadRequest(
                        "redirectUris: '" + value + "' must use https (http only on localhost)");
            }
            out.add(value);
        }
        return List.copyOf(out);
    }

    static List<String> scopes(@Nullable List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            return List.of(OAuthScope.ALL.value());
        }
        var out = new LinkedHashSet<String>();
        for (String scope : scopes) {
            String value = scope == null ? "" : scope.trim();
            if (OAuthScope.of(value).isEmpty()) {
                throw new ApiException.BadRequest("allowedScopes: unknown scope '" + value + "'; known scopes are "
                        + Arrays.stream(OAuthScope.values())
                                .map(OAuthScope::value)
                                .toList());
            }
            out.add(value);
        }
        return List.copyOf(out);
    }

    static List<String> grantTypes(@Nullable List<String> grants) {
        if (grants == null || grants.isEmpty()) {
            return List.of(AUTHORIZATION_CODE, REFRESH_TOKEN);
        }
        var out = new LinkedHashSet<String>();
        for (String grant : grants) {
            if (!AUTHORIZATION_CODE.equals(grant) && !REFRESH_TOKEN.equals(grant)) {
                throw new ApiException.BadRequest("allowedGrantTypes: '" + grant + "' is not supported; use "
                        + AUTHORIZATION_CODE + " and " + REFRESH_TOKEN);
            }
            out.add(grant);
        }
        if (!out.contains(AUTHORIZATION_CODE)) {
            throw new ApiException.BadRequest("allowedGrantTypes must include " + AUTHORIZATION_CODE);
        }
        return List.copyOf(out);
    }

    static int ttl(String field, @Nullable Integer value, int min, int max, int fallback) {
        int ttl = value == null ? fallback : value;
        if (ttl < min || ttl > max) {
            throw new ApiException.BadRequest(field + " must be from " + min + " to " + max + " seconds");
        }
        return ttl;
    }
}
