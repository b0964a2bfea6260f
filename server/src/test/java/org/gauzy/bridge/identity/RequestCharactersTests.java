package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's character checks allow exactly what Spring Security's own patterns allow. */
class RequestCharactersTests {

    // Spring Security's StrictHttpFirewall patterns, which RequestCharacters replaces.
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void agreesWithTheFirewallsPatternsOnChosenText() {
        for (String text : new String[] {
            "",
            "Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig",
            "a\tb",
            "a\nb",
            "a\rb",
            "\u0000",
            "\u007f",
            "\u0085",
            "caf\u00e9",
            "\u4e2d\u6587",
            "\uD83D\uDE00",
            "\uD83D",
            "\uDE00x",
            "\u0378",
            "\uFFFF",
            "\u2028",
            "x\u200by",
            "\uE000",
            "\uDB40\uDC01"
        }) {
            assertThat(RequestCharacters.name(text))
                    .as("name %s", escaped(text))
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(RequestCharacters.headerValue(text))
                    .as("value %s", escaped(text))
                    .isEqualTo(VALUE.matcher(text).matches());
        }
    }

    @Test
    void agreesWithTheFirewallsPatternsOnRandomText() {
        var random = new SplittableRandom(42);
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            var text = new StringBuilder();
            int length = random.nextInt(6);
            for (int i = 0; i < length; i++) {
                // Mostly ASCII, some of the whole range (surrogates alone included).
                int codePoint =
                        random.nextInt(4) == 0 ? random.nextInt(Character.MAX_CODE_POINT + 1) : random.nextInt(0x80);
                text.appendCodePoint(codePoint);
            }
            String s = text.toString();
            boolean name = NAME.matcher(s).matches();
            refused += name ? 0 : 1;
            assertThat(RequestCharacters.name(s)).as("name %s", escaped(s)).isEqualTo(name);
            assertThat(RequestCharacters.headerValue(s))
                    .as("value %s", escaped(s))
                    .isEqualTo(VALUE.matcher(s).matches());
        }
        // The comparison means something only if both answers occur often.
        assertThat(refused).isBetween(2_000, 18_000);
    }

    private static String escaped(String text) {
        var out = new StringBuilder();
        text.codePoints().forEach(cp -> out.append(String.format("U+%04X ", cp)));
        return out.toString();
    }
}
