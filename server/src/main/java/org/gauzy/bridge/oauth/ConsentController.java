package org.gauzy.bridge.oauth;

import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.identity.FirstPartyOnly;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresLogin;
import org.gauzy.bridge.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's remembered OAuth consents, and their revocation (which ends the client's access at once). */
@FirstPartyOnly
@RestController
@RequestMapping("/api/oauth/consents")
@RequiresLogin(organization = OrganizationFrom.NONE)
class ConsentController {

    private final Consents consents;

    ConsentController(Consents consents) {
        this.consents = consents;
    }

    @GetMapping
    Page<Consents.ConsentView> list(RequestContext context, @RequestParam(defaultValue = "false") boolean everyone) {
        List<Consents.ConsentView> items = consents.list(context, everyone);
        return new Page<>(items, items.size());
    }

    @RequiresLogin(organization = OrganizationFrom.PATH, record = "consent")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(RequestContext context, @PathVariable UUID id) {
        consents.revoke(context, id);
    }
}
