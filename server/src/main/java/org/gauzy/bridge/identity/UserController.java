package org.gauzy.bridge.identity;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.UUID;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gauzy's {@code /api/user}: the caller's own account (which any app the user authorized may read: it is who
 * the app acts for), and users of the tenant for admins, in Gauzy itself only.
 */
@RestController
@RequestMapping("/api/user")
class UserController {

    private final UserService users;
    private final UserAccounts accounts;

    UserController(UserService users, UserAccounts accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    @RequiresLogin(everyApp = true, organization = OrganizationFrom.NONE)
    @GetMapping("/me")
    MeView me(RequestContext context) {
        return users.me(context);
    }

    @RequiresPermission(value = Permission.ORG_USERS_VIEW, organization = OrganizationFrom.NONE)
    @FirstPartyOnly
    @GetMapping
    Page<UserView> list(
            RequestContext context,
            @RequestParam(required = false) @Nullable String skip,
            @RequestParam(required = false) @Nullable String take) {
        return users.list(context, Paging.parse(skip, take));
    }

    @RequiresPermission(value = Permission.ORG_USERS_EDIT, organization = OrganizationFrom.NONE)
    @FirstPartyOnly
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(RequestContext context, @Valid @RequestBody UserRequests.CreateUser request) {
        var organizations = new ArrayList<UUID>();
        if (request.organizationIds() != null) {
            organizations.addAll(request.organizationIds());
        }
        if (request.organizationId() != null) {
            organizations.add(request.organizationId());
        }
        return accounts.createMember(
                context, request.user(), request.password(), request.roleId(), request.role(), organizations);
    }
}
