package org.gauzy.bridge.activepieces;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.integration.IntegrationTenantView;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.pages.PageController;
import org.gauzy.bridge.pages.Pages;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Integrations → Activepieces: the set-up form (a platform API key, an Activepieces user, or both), and an
 * installation's overview (re-integrate with a new key or user, disable or enable, remove). An organization that already has an
 * installation goes straight to it, as Gauzy's page does.
 */
@PageController
class SetupPages {

    static final String BASE = Pages.BASE + "/integrations/activepieces";

    private final SetupService setup;
    private final IntegrationTenants integrations;
    private final ActivepiecesSettings settings;

    SetupPages(SetupService setup, IntegrationTenants integrations, ActivepiecesSettings settings) {
        this.setup = setup;
        this.integrations = integrations;
        this.settings = settings;
    }

    @RequiresPermission(value = Permission.INTEGRATION_VIEW, organization = OrganizationFrom.REQUEST)
    @GetMapping(BASE)
    ModelAndView start(RequestContext context, @RequestParam(required = false) @Nullable String notice) {
        Optional<UUID> installed = integrations
                .find(context.tenant(), context.organization(), IntegrationTenants.ACTIVEPIECES)
                .or(() -> integrations.find(context.tenant(), null, IntegrationTenants.ACTIVEPIECES));
        if (installed.isPresent()) {
            return Pages.seeOther(BASE + "/" + installed.get());
        }
        return setupForm("", "", false, null, PageNotices.text(notice), HttpStatus.OK);
    }

    @RequiresPermission(value = Permission.INTEGRATION_ADD, organization = OrganizationFrom.REQUEST)
    @PostMapping(BASE + "/setup")
    ModelAndView setUp(
            RequestContext context,
            @RequestParam(required = false) @Nullable String apiKey,
            @RequestParam(required = false) @Nullable String userEmail,
            @RequestParam(required = false) @Nullable String userPassword,
            @RequestParam(required = false) @Nullable String tenantWide) {
        boolean wide = "on".equals(tenantWide);
        try {
            UUID id = setup.setup(
                    context,
                    new SetupService.Credentials(apiKey, userEmail, userPassword),
                    wide ? null : context.organization());
            return Pages.seeOther(BASE + "/" + id, Map.of("notice", "integrated"));
        } catch (ApiException refused) {
            return setupForm(apiKey, userEmail, wide, whatToDo(refused), null, refused.status());
        }
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping(BASE + "/{integrationId}")
    ModelAndView overview(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String notice) {
        return overview(
                context, setup.installation(context, integrationId), null, PageNotices.text(notice), HttpStatus.OK);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_ADD,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(BASE + "/{integrationId}/reintegrate")
    ModelAndView reintegrate(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String apiKey,
            @RequestParam(required = false) @Nullable String userEmail,
            @RequestParam(required = false) @Nullable String userPassword) {
        IntegrationTenantView installation = setup.installation(context, integrationId);
        try {
            setup.setup(
                    context,
                    new SetupService.Credentials(apiKey, userEmail, userPassword),
                    installation.organizationId());
            return Pages.seeOther(BASE + "/" + integrationId, Map.of("notice", "key-replaced"));
        } catch (ApiException refused) {
            return overview(context, installation, whatToDo(refused), null, refused.status());
        }
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(BASE + "/{integrationId}/enable")
    ModelAndView enable(RequestContext context, @PathVariable UUID integrationId) {
        setup.setEnabled(context, integrationId, true);
        return Pages.seeOther(BASE + "/" + integrationId, Map.of("notice", "enabled"));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(BASE + "/{integrationId}/disable")
    ModelAndView disable(RequestContext context, @PathVariable UUID integrationId) {
        setup.setEnabled(context, integrationId, false);
        return Pages.seeOther(BASE + "/" + integrationId, Map.of("notice", "disabled"));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_DELETE,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(BASE + "/{integrationId}/remove")
    ModelAndView remove(RequestContext context, @PathVariable UUID integrationId) {
        setup.remove(context, integrationId);
        return Pages.seeOther(BASE, Map.of("notice", "removed"));
    }

    /** What the user should do about a refusal, in the words of the page. */
    private String whatToDo(ApiException refused) {
        return switch (refused.status()) {
            case BAD_REQUEST ->
                refused.getMessage() + ". Check that you copied the whole key (a platform API key of "
                        + "this Activepieces), or the user's email and password.";
            case BAD_GATEWAY, GATEWAY_TIMEOUT, SERVICE_UNAVAILABLE ->
                "Activepieces could not be reached at "
                        + settings.baseUrl() + " (" + refused.getMessage() + "). Try again in a minute; if it keeps "
                        + "failing, ask your operator to check ACTIVEPIECES_BASE_URL.";
            default -> refused.getMessage();
        };
    }

    private ModelAndView setupForm(
            @Nullable String apiKey,
            @Nullable String userEmail,
            boolean tenantWide,
            @Nullable String error,
            @Nullable String notice,
            HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("apiKey", apiKey == null ? "" : apiKey);
        model.put("userEmail", userEmail == null ? "" : userEmail);
        model.put("tenantWide", tenantWide);
        model.put("baseUrl", settings.baseUrl());
        Pages.putIfPresent(model, "error", error);
        Pages.putIfPresent(model, "notice", notice);
        return Pages.view("activepieces/setup", status, model);
    }

    private ModelAndView overview(
            RequestContext context,
            IntegrationTenantView installation,
            @Nullable String error,
            @Nullable String notice,
            HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("installation", installation);
        model.put("apiKey", setting(installation, CredentialResolver.API_KEY));
        model.put("userEmail", setting(installation, CredentialResolver.USER_EMAIL));
        model.put("tenantWide", installation.organizationId() == null);
        model.put("baseUrl", settings.baseUrl());
        model.put("tab", "overview");
        model.put("canDelete", context.has(Permission.INTEGRATION_DELETE));
        Pages.putIfPresent(model, "error", error);
        Pages.putIfPresent(model, "notice", notice);
        return Pages.view("activepieces/overview", status, model);
    }

    /** A setting as the view shows it (a secret masked), or null. */
    private static @Nullable String setting(IntegrationTenantView installation, String name) {
        return installation.settings().stream()
                .filter(s -> name.equals(s.settingsName()))
                .map(IntegrationTenantView.SettingView::settingsValue)
                .findFirst()
                .orElse(null);
    }
}
