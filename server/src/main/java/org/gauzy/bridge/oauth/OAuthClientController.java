package org.gauzy.bridge.oauth;

import jakarta.validation.Valid;
import java.util.UUID;
import org.gauzy.bridge.identity.FirstPartyOnly;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Gauzy's {@code /api/oauth/clients}. Answers carrying a secret are never cached ({@code no-store} on every response). */
@FirstPartyOnly
@RestController
@RequestMapping("/api/oauth/clients")
class OAuthClientController {

    private final OAuthClients clients;

    OAuthClientController(OAuthClients clients) {
        this.clients = clients;
    }

    @RequiresPermission(value = Permission.OAUTH_CLIENT_EDIT, organization = OrganizationFrom.NONE)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OAuthClientView create(RequestContext context, @Valid @RequestBody ClientRequests.Create request) {
        return clients.create(context, request);
    }

    @RequiresPermission(value = Permission.OAUTH_CLIENT_VIEW, organization = OrganizationFrom.NONE)
    @GetMapping
    Page<OAuthClientView> list(
            RequestContext context,
            @RequestParam(required = false) @Nullable String skip,
            @RequestParam(required = false) @Nullable String take) {
        return clients.list(context, Paging.parse(skip, take));
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_VIEW,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @GetMapping("/{id}")
    OAuthClientView get(RequestContext context, @PathVariable UUID id) {
        return clients.get(context, id);
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_EDIT,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @PatchMapping("/{id}")
    OAuthClientView update(
            RequestContext context, @PathVariable UUID id, @Valid @RequestBody ClientRequests.Update request) {
        return clients.update(context, id, request);
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_EDIT,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @PostMapping("/{id}/rotate-secret")
    OAuthClientView rotate(RequestContext context, @PathVariable UUID id) {
        return clients.rotateSecret(context, id);
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_EDIT,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(RequestContext context, @PathVariable UUID id) {
        clients.delete(context, id);
    }
}
