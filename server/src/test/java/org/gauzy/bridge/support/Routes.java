package org.gauzy.bridge.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The application's own list of {@code /api} endpoints, for tests generated from it. */
public final class Routes {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    /** One endpoint: a method and a path pattern. */
    public record Route(String method, String pattern) {

        public boolean writes() {
            return !Set.of("GET", "HEAD", "OPTIONS").contains(method);
        }

        /**
         * The pattern with its variables filled: from {@code ids} (keyed by the pattern up to and with the
         * variable), else the first choice of a {@code {name:a|b}} variable, else a random UUID.
         */
        public String path(Map<String, String> ids) {
            Matcher m = VARIABLE.matcher(pattern);
            var out = new StringBuilder();
            while (m.find()) {
                String variable = m.group(1);
                String choice = variable.contains(":")
                        ? variable.substring(variable.indexOf(':') + 1).split("\\|")[0]
                        : UUID.randomUUID().toString();
                m.appendReplacement(
                        out,
                        Matcher.quoteReplacement(
                                ids.getOrDefault(pattern.substring(0, m.start()) + "{" + variable + "}", choice)));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private Routes() {}

    /** Every {@code /api} endpoint, once per method, in a stable order. */
    public static List<Route> api(RequestMappingHandlerMapping mappings) {
        var routes = new ArrayList<Route>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    for (RequestMethod method :
                            methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                        routes.add(new Route(method.name(), pattern));
                    }
                }
            }
        });
        return routes.stream()
                .distinct()
                .sorted(Comparator.comparing(Route::toString))
                .toList();
    }
}
