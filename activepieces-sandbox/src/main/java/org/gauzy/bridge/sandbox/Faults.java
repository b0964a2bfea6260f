package org.gauzy.bridge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The faults in force; each matching call takes one from a counted fault. */
final class Faults {

    private static final class Active {
        final Fault fault;
        final Pattern path;
        int left;

        Active(Fault fault) {
            this.fault = fault;
            this.path = glob(fault.pathPattern());
            this.left = fault.times();
        }
    }

    private final List<Active> active = new ArrayList<>();

    synchronized void add(Fault fault) {
        active.add(new Active(fault));
    }

    synchronized void clear() {
        active.clear();
    }

    /** The first fault that applies to this call, using it up when counted. */
    synchronized Optional<Fault> take(String method, String path) {
        for (var it = active.iterator(); it.hasNext(); ) {
            Active a = it.next();
            boolean methodMatches = a.fault.method() == null || a.fault.method().equalsIgnoreCase(method);
            if (methodMatches && a.path.matcher(path).matches()) {
                if (a.fault.times() > 0 && --a.left == 0) {
                    it.remove();
                }
                return Optional.of(a.fault);
            }
        }
        return Optional.empty();
    }

    private static Pattern glob(String glob) {
        var regex = new StringBuilder("^");
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.append('$').toString());
    }
}
