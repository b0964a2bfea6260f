package org.gauzy.bridge.identity;

import jakarta.validation.Valid;

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

/** Gauzy's {@code /api/user}: the caller's own account, and users of the tenant for admins. */
@RestController
@RequestMapping("/api/user")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @RequiresLogin
    @GetMapping("/me")
    MeView me(RequestContext context) {
        return users.me(context);
    }

    @RequiresPermission(Permission.ORG_USERS_VIEW)
    @GetMapping
    Page<UserView> list(RequestContext context, @RequestParam(required = false) @Nullable String skip,
            @RequestParam(required = false) @Nullable String take) {
        return users.list(context, Paging.parse(skip, take));
    }

    @RequiresPermission(Permission.ORG_USERS_EDIT)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(RequestContext context, @Valid @RequestBody UserRequests.CreateUser request) {
        return users.create(context, request);
    }
}
