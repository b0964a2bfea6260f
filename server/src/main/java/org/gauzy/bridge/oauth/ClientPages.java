package org.gauzy.bridge.oauth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.pages.PageController;
import org.gauzy.bridge.pages.Pages;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Settings → OAuth clients: the list, registering a client (its secret shown once, with copy buttons
 * and an acknowledgement), editing, rotating the secret, deactivating and deleting.
 */
@PageController
class ClientPages {

    static final String BASE = Pages.BASE + "/settings/oauth-clients";
    private static final int PAGE_SIZE = 20;
    private static final Map<String, String> NOTICES = Map.of(
            "saved", "The client was saved.",
            "activated", "The client is active again.",
            "deactivated", "The client is deactivated: every token issued to it stopped working.",
            "deleted", "The client was deleted, with every grant and token issued to it.");

    /** The register and edit form as typed, kept when it comes back with an error. */
    record ClientForm(
            String name,
            String description,
            String clientType,
            String redirectUris,
            List<String> scopes,
            List<String> grantTypes,
            boolean pkceRequired,
            String accessTokenTtl,
            String refreshTokenTtl) {

        static ClientForm blank() {
            return new ClientForm(
                    "",
                    "",
                    ClientRules.CONFIDENTIAL,
                    "",
                    List.of(OAuthScope.ALL.value()),
                    List.of("authorization_code", "refresh_token"),
                    false,
                    Integer.toString(ClientRules.ACCESS_TTL_DEFAULT),
                    Integer.toString(ClientRules.REFRESH_TTL_DEFAULT));
        }

        static ClientForm of(OAuthClientView c) {
            return new ClientForm(
                    c.name(),
                    c.description() == null ? "" : c.description(),
                    c.clientType(),
                    String.join("\n", c.redirectUris()),
                    c.allowedScopes(),
                    c.allowedGrantTypes(),
                    c.pkceRequired(),
                    Integer.toString(c.accessTokenTtl()),
                    Integer.toString(c.refreshTokenTtl()));
        }

        List<String> redirectUriList() {
            return Arrays.stream(redirectUris.split("[\\r\\n]+"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
    }

    private final OAuthClients clients;
    private final DelegatedAccess access;

    ClientPages(OAuthClients clients, DelegatedAccess access) {
        this.clients = clients;
        this.access = access;
    }

    @RequiresPermission(value = Permission.OAUTH_CLIENT_VIEW, organization = OrganizationFrom.NONE)
    @GetMapping(BASE)
    ModelAndView list(
            RequestContext context,
            @RequestParam(required = false) @Nullable String skip,
            @RequestParam(required = false) @Nullable String notice) {
        Paging paging = Paging.parse(skip, Integer.toString(PAGE_SIZE));
        var page = clients.list(context, paging);
        var model = new HashMap<String, Object>();
        model.put("clients", page.items());
        model.put("offsets", new Pages.Offsets(paging.skip(), PAGE_SIZE, page.total()));
        model.put("canEdit", context.has(Permission.OAUTH_CLIENT_EDIT));
        Pages.putIfPresent(model, "notice", Pages.notice(NOTICES, notice));
        return Pages.view("oauth/clients", HttpStatus.OK, model);
    }

    @RequiresPermission(value = Permission.OAUTH_CLIENT_EDIT, organization = OrganizationFrom.NONE)
    @GetMapping(BASE + "/new")
    ModelAndView newClient() {
        return form(null, ClientForm.blank(), null, HttpStatus.OK);
    }

    @RequiresPermission(value = Permission.OAUTH_CLIENT_EDIT, organization = OrganizationFrom.NONE)
    @PostMapping(BASE)
    ModelAndView register(
            RequestContext context,
            @RequestParam Map<String, String> fields,
            @RequestParam(name = "scopes", required = false) @Nullable List<String> scopes,
            @RequestParam(name = "grantTypes", required = false) @Nullable List<String> grantTypes) {
        ClientForm form = typed(fields, scopes, grantTypes);
        try {
            validate(form);
            OAuthClientView created = clients.create(
                    context,
                    new ClientRequests.Create(
                            form.name().trim(),
                            form.description(),
                            form.clientType(),
                            form.redirectUriList(),
                            form.scopes(),
                            form.grantTypes(),
                            form.pkceRequired(),
                            number("Access token lifetime", form.accessTokenTtl()),
                            number("Refresh token lifetime", form.refreshTokenTtl()),
                            false));
            return secretPage(created, "registered");
        } catch (ApiException refused) {
            return form(null, form, refused.getMessage(), refused.status());
        }
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_VIEW,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @GetMapping(BASE + "/{id}")
    ModelAndView edit(
            RequestContext context, @PathVariable UUID id, @RequestParam(required = false) @Nullable String notice) {
        OAuthClientView client = clients.get(context, id);
        ModelAndView page = form(client, ClientForm.of(client), null, HttpStatus.OK);
        Pages.putIfPresent(page.getModel(), "notice", Pages.notice(NOTICES, notice));
        page.addObject("canEdit", context.has(Permission.OAUTH_CLIENT_EDIT));
        return page;
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_EDIT,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @PostMapping(BASE + "/{id}")
    ModelAndView update(
            RequestContext context,
            @PathVariable UUID id,
            @RequestParam Map<String, String> fields,
            @RequestParam(name = "scopes", required = false) @Nullable List<String> scopes,
            @RequestParam(name = "grantTypes", required = false) @Nullable List<String> grantTypes) {
        OAuthClientView client = clients.get(context, id);
        ClientForm form = typed(fields, scopes, grantTypes);
        try {
            validate(form);
            clients.update(
                    context,
                    id,
                    new ClientRequests.Update(
                            form.name().trim(),
                            form.description(),
                            form.redirectUriList(),
                            form.scopes(),
                            form.grantTypes(),
                            form.pkceRequired(),
                            number("Access token lifetime", form.accessTokenTtl()),
                            number("Refresh token lifetime", form.refreshTokenTtl()),
                            null));
        } catch (ApiException refused) {
            ModelAndView page = form(client, form, refused.getMessage(), refused.status());
            page.addObject("canEdit", true);
            return page;
        }
        return Pages.seeOther(BASE + "/" + id, Map.of("notice", "saved"));
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_EDIT,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @PostMapping(BASE + "/{id}/rotate")
    ModelAndView rotate(RequestContext context, @PathVariable UUID id) {
        return secretPage(clients.rotateSecret(context, id), "rotated");
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_EDIT,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @PostMapping(BASE + "/{id}/active")
    ModelAndView active(RequestContext context, @PathVariable UUID id, @RequestParam boolean active) {
        clients.update(context, id, new ClientRequests.Update(null, null, null, null, null, null, null, null, active));
        return Pages.seeOther(BASE + "/" + id, Map.of("notice", active ? "activated" : "deactivated"));
    }

    @RequiresPermission(
            value = Permission.OAUTH_CLIENT_EDIT,
            organization = OrganizationFrom.PATH,
            record = "oauth-client")
    @PostMapping(BASE + "/{id}/delete")
    ModelAndView delete(RequestContext context, @PathVariable UUID id) {
        clients.delete(context, id);
        return Pages.seeOther(BASE, Map.of("notice", "deleted"));
    }

    private ModelAndView secretPage(OAuthClientView client, String why) {
        return Pages.view(
                "oauth/client-secret",
                HttpStatus.OK,
                Map.of(
                        "client",
                        client,
                        "why",
                        why,
                        "authorizeUrl",
                        access.issuer() + OAuthPaths.AUTHORIZE,
                        "tokenUrl",
                        access.issuer() + OAuthPaths.TOKEN));
    }

    private ModelAndView form(
            @Nullable OAuthClientView client, ClientForm form, @Nullable String error, HttpStatus status) {
        var model = new HashMap<String, Object>();
        Pages.putIfPresent(model, "client", client);
        model.put("form", form);
        model.put("allScopes", Arrays.asList(OAuthScope.values()));
        model.put("allGrantTypes", List.of("authorization_code", "refresh_token"));
        Pages.putIfPresent(model, "error", error);
        return Pages.view(client == null ? "oauth/client-new" : "oauth/client", status, model);
    }

    private static ClientForm typed(
            Map<String, String> fields, @Nullable List<String> scopes, @Nullable List<String> grantTypes) {
        return new ClientForm(
                fields.getOrDefault("name", ""),
                fields.getOrDefault("description", "").trim(),
                fields.getOrDefault("clientType", ClientRules.CONFIDENTIAL),
                fields.getOrDefault("redirectUris", ""),
                scopes == null ? List.of() : scopes,
                grantTypes == null ? List.of() : grantTypes,
                "on".equals(fields.get("pkceRequired")),
                fields.getOrDefault("accessTokenTtl", "").trim(),
                fields.getOrDefault("refreshTokenTtl", "").trim());
    }

    private static void validate(ClientForm form) {
        if (form.name().isBlank() || form.name().trim().length() > 100) {
            throw new ApiException.BadRequest("Name: give the client a name of 1 to 100 characters");
        }
        if (form.description().length() > 500) {
            throw new ApiException.BadRequest("Description: at most 500 characters");
        }
        if (form.redirectUriList().isEmpty()) {
            throw new ApiException.BadRequest(
                    "Redirect URIs: add at least one, such as https://cloud.activepieces.com/redirect");
        }
        if (form.scopes().isEmpty()) {
            throw new ApiException.BadRequest("Scopes: choose at least one");
        }
        if (form.grantTypes().isEmpty()) {
            throw new ApiException.BadRequest("Grant types: choose at least one");
        }
    }

    private static @Nullable Integer number(String label, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest(label + ": a whole number of seconds");
        }
    }
}
