package org.gauzy.bridge.oauth;

/** Where the protocol endpoints live: Gauzy's paths, which the ever-gauzy piece builds from its base URL. */
final class OAuthPaths {

    static final String BASE = "/api/integration/ever-gauzy/oauth";
    static final String AUTHORIZE = BASE + "/authorize";
    static final String TOKEN = BASE + "/token";
    static final String REVOKE = BASE + "/revoke";
    static final String INTROSPECT = BASE + "/introspect";
    static final String JWKS = "/.well-known/jwks.json";

    private OAuthPaths() {}
}
