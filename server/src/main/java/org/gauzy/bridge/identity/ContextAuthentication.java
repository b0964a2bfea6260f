package org.gauzy.bridge.identity;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A bearer token that passed every check, with the caller's {@link RequestContext} as principal. */
final class ContextAuthentication extends AbstractAuthenticationToken {

    private final RequestContext context;

    ContextAuthentication(RequestContext context) {
        super(context.permissions().stream()
                .map(p -> new SimpleGrantedAuthority(p.name()))
                .toList());
        this.context = context;
        setAuthenticated(true);
    }

    @Override
    public RequestContext getPrincipal() {
        return context;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return context.userId().toString();
    }

    ContextAuthentication withContext(RequestContext changed) {
        return new ContextAuthentication(changed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContextAuthentication that && context.equals(that.context);
    }

    @Override
    public int hashCode() {
        return context.hashCode();
    }
}
