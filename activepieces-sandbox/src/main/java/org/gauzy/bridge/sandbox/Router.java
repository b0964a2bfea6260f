package org.gauzy.bridge.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes listed in one place, with {@code :name} path parameters. A path that matches no route, or
 * matches one only with another method, is Fastify's 404 "Route not found".
 */
final class Router {

    @FunctionalInterface
    interface Handler {
        Reply handle(Request request);
    }

    private record Route(String method, Pattern pattern, List<String> names, Handler handler) {}

    /** The method of a route that takes every method, as Fastify's {@code app.all}. */
    static final String ANY = "*";

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        var names = new ArrayList<String>();
        var regex = new StringBuilder("^");
        for (String segment : template.substring(1).split("/")) {
            regex.append('/');
            if (segment.startsWith(":")) {
                names.add(segment.substring(1));
                regex.append("([^/]+)");
            } else {
                regex.append(Pattern.quote(segment));
            }
        }
        routes.add(new Route(method, Pattern.compile(regex.append('$').toString()), names, handler));
        return this;
    }

    Reply dispatch(Request request) {
        for (Route route : routes) {
            if (!route.method().equals(ANY) && !route.method().equals(request.method)) {
                continue;
            }
            Matcher m = route.pattern().matcher(request.path);
            if (m.matches()) {
                for (int i = 0; i < route.names().size(); i++) {
                    request.params.put(route.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                }
                return route.handler().handle(request);
            }
        }
        throw ApError.routeNotFound();
    }
}
