package org.gauzy.bridge.sandbox;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Activepieces' identifiers: 21-character nanoids over [0-9A-Za-z] ("ApId"), and its tokens. */
final class Ids {

    static final Pattern AP_ID = Pattern.compile("^[0-9a-zA-Z]{21}$");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final SecureRandom random = new SecureRandom();

    String apId() {
        return alphanumeric(21);
    }

    /** A platform API key: {@code sk-} and 61 alphanumerics, 64 characters in all. */
    String apiKey() {
        return "sk-" + alphanumeric(61);
    }

    String alphanumeric(int length) {
        var out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    static boolean isApId(String value) {
        return AP_ID.matcher(value).matches();
    }
}
