package org.gauzy.bridge.identity;

/**
 * The characters Spring Security's strict firewall allows in header names and values and in
 * parameter names: assigned code points that are not control characters (a tab too, in a header
 * value). The firewall checks these with a regular expression on every header a request reads, which
 * measured 3 to 6 % of the CPU of an API request; this loop checks the same characters and takes the
 * common printable-ASCII case without a table look-up.
 */
final class RequestCharacters {

    private RequestCharacters() {}

    /** A header's or a parameter's name. */
    static boolean name(String text) {
        return printable(text, false);
    }

    static boolean headerValue(String text) {
        return printable(text, true);
    }

    private static boolean printable(String text, boolean tabAllowed) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            boolean allowed = (tabAllowed && codePoint == '\t')
                    || (!Character.isISOControl(codePoint) && Character.getType(codePoint) != Character.UNASSIGNED);
            if (!allowed) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
