package org.gauzy.bridge.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Keeps webhook targets off the service's own network (SSRF): a target must be http(s), and every
 * address its host resolves to must be public, unless private targets are allowed for a self-hosted
 * Activepieces. The cloud metadata address is refused even then. Checked when a subscription is saved
 * and again at each connection the sender opens, because DNS answers change.
 */
@Component
class TargetGuard {

    private final WebhookSettings settings;

    TargetGuard(WebhookSettings settings) {
        this.settings = settings;
    }

    /** Why the target is refused, in words the subscriber can act on; empty when it is acceptable. */
    Optional<String> refusal(String targetUrl) {
        URI uri = parse(targetUrl);
        if (uri == null || uri.getHost() == null || !uri.isAbsolute()) {
            return Optional.of("targetUrl must be an absolute http or https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("targetUrl must use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("targetUrl must not carry credentials");
        }
        try {
            addresses(host(uri));
        } catch (Refused e) {
            return Optional.of(e.reason());
        } catch (UnknownHostException e) {
            return Optional.of("targetUrl's host " + uri.getHost() + " does not resolve");
        }
        return Optional.empty();
    }

    /**
     * The addresses a target's host resolves to, refused as a whole if any is off limits. The sender
     * resolves through this when it opens a connection, so the addresses checked are the ones connected
     * to: a name that resolved to a public address when the subscription was saved and to an internal
     * one now (DNS rebinding) is refused.
     */
    InetAddress[] addresses(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            if (isMetadata(address)) {
                throw new Refused("targetUrl resolves to the cloud metadata address " + address.getHostAddress());
            }
            if (!settings.allowPrivateTargets() && !isPublic(address)) {
                throw new Refused("targetUrl resolves to " + address.getHostAddress() + ", a loopback, private or"
                        + " link-local address; set WEBHOOKS_ALLOW_PRIVATE_TARGETS=true to allow private targets");
            }
        }
        return addresses;
    }

    /** A host that resolves to an address webhooks may not reach; the message says which and why. */
    static final class Refused extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        private final String reason;

        Refused(String reason) {
            super(reason);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4
            return !(first == 0
                    || (first == 100 && second >= 64 && second <= 127)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))
                    || first >= 240);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            // fc00::/7 unique local; Teredo (2001::/32) and local-use NAT64 (64:ff9b:1::/48) hide where they lead
            if ((first & 0xfe) == 0xfc
                    || startsWith(b, 0x20, 0x01, 0x00, 0x00)
                    || startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
                return false;
            }
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                return isPublic(embedded);
            }
        }
        return true;
    }

    private static boolean isMetadata(InetAddress address) {
        String text = address.getHostAddress();
        InetAddress embedded = address instanceof Inet6Address ? embeddedIpv4(address.getAddress()) : null;
        return text.equals("169.254.169.254")
                || text.equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254")
                || (embedded != null && embedded.getHostAddress().equals("169.254.169.254"));
    }

    /**
     * The IPv4 address an IPv6 one reaches: IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible
     * ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}) or 6to4 ({@code 2002:aabb:ccdd::/48}); else null.
     */
    private static @Nullable InetAddress embeddedIpv4(byte[] b) {
        byte[] v4 = null;
        if (zeros(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && zeros(b, 4, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (startsWith(b, 0x20, 0x02)) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        }
        if (v4 == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static @Nullable URI parse(String value) {
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
