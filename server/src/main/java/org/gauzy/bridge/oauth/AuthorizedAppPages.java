package org.gauzy.bridge.oauth;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.gauzy.bridge.identity.OrganizationDirectory;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.OrganizationView;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresLogin;
import org.gauzy.bridge.pages.PageController;
import org.gauzy.bridge.pages.Pages;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** My authorized apps: the grants the user gave (an admin may see everyone's), each revocable at once. */
@PageController
class AuthorizedAppPages {

    static final String BASE = Pages.BASE + "/authorized-apps";
    /** A user's grants are few; the tenant's, for an admin, are paged here from one query. */
    private static final int PAGE_SIZE = 50;

    private static final Map<String, String> NOTICES =
            Map.of("revoked", "Access revoked: the app's tokens stopped working.");

    private final Consents consents;
    private final OrganizationDirectory organizations;

    AuthorizedAppPages(Consents consents, OrganizationDirectory organizations) {
        this.consents = consents;
        this.organizations = organizations;
    }

    @RequiresLogin(organization = OrganizationFrom.NONE)
    @GetMapping(BASE)
    ModelAndView list(
            RequestContext context,
            @RequestParam(defaultValue = "false") boolean everyone,
            @RequestParam(required = false) @Nullable String notice,
            @RequestParam(required = false) @Nullable String skip) {
        boolean all = everyone && context.has(Permission.OAUTH_CLIENT_EDIT);
        var every = consents.list(context, all);
        Paging paging = Paging.parse(skip, Integer.toString(PAGE_SIZE));
        var grants =
                every.subList(Math.min(paging.skip(), every.size()), Math.min(paging.skip() + PAGE_SIZE, every.size()));
        Map<UUID, String> names = organizations
                .list(
                        context.tenant(),
                        grants.stream()
                                .map(Consents.ConsentView::organizationId)
                                .collect(Collectors.toSet()))
                .stream()
                .collect(Collectors.toMap(OrganizationView::id, OrganizationView::name));
        var model = new HashMap<String, Object>();
        model.put("grants", grants);
        model.put("offsets", new Pages.Offsets(paging.skip(), PAGE_SIZE, every.size()));
        model.put("organizations", names);
        model.put("everyone", all);
        model.put("canSeeEveryone", context.has(Permission.OAUTH_CLIENT_EDIT));
        model.put("myId", context.userId());
        Pages.putIfPresent(model, "notice", Pages.notice(NOTICES, notice));
        return Pages.view("oauth/authorized-apps", HttpStatus.OK, model);
    }

    @RequiresLogin(organization = OrganizationFrom.PATH, record = "consent")
    @PostMapping(BASE + "/{id}/revoke")
    ModelAndView revoke(
            RequestContext context, @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean everyone) {
        consents.revoke(context, id);
        return Pages.seeOther(BASE, Map.of("notice", "revoked", "everyone", Boolean.toString(everyone)));
    }
}
