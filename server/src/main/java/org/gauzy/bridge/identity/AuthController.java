package org.gauzy.bridge.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Gauzy's {@code /api/auth}: register, login, refresh-token, logout. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@Valid @RequestBody AuthRequests.Register request, HttpServletRequest http) {
        return auth.register(request, http.getRemoteAddr());
    }

    @PostMapping("/login")
    AuthRequests.Tokens login(@Valid @RequestBody AuthRequests.Login request, HttpServletRequest http) {
        return auth.login(request, http.getRemoteAddr());
    }

    @PostMapping("/refresh-token")
    AuthRequests.Tokens refresh(@Valid @RequestBody AuthRequests.Refresh request) {
        return auth.refresh(request.refreshToken());
    }

    @RequiresLogin(organization = OrganizationFrom.NONE)
    @FirstPartyOnly
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(RequestContext context) {
        auth.logout(context);
    }
}
