package fr.mlml.ledger.events;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Where webhooks may be sent (DESIGN.md §9): {@code https://} URLs whose host resolves only to public addresses,
 * so a member cannot aim the ledger at its own network (SSRF). With {@code LEDGER_WEBHOOK_ALLOW_PRIVATE=true}
 * (development, tests) plain {@code http://} and private addresses are allowed.
 */
final class WebhookTargets {
    static final int MAX_URL_LENGTH = 2048;

    private WebhookTargets() {
    }

    /** Why {@code url} cannot be a webhook's (without resolving it), or null. */
    static String refusal(String url, boolean allowPrivate) {
        if (url.length() > MAX_URL_LENGTH) return "at most " + MAX_URL_LENGTH + " characters";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a URL";
        }
        String scheme = uri.getScheme();
        if (!"https".equals(scheme) && !(allowPrivate && "http".equals(scheme))) return "an https:// URL";
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "a URL with a host, and neither user information nor fragment";
        }
        return null;
    }

    /** Resolves the host (blocking): why it may not be called, or null. Every address must be public. */
    static String addressRefusal(String url, boolean allowPrivate) {
        if (allowPrivate) return null;
        String host = URI.create(url).getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "its host does not resolve";
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) return "its host resolves to a loopback, private or link-local address";
        }
        return null;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) return (b[0] & 0xFE) != 0xFC; // fc00::/7, unique local
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        return first != 0 && !(first == 100 && second >= 64 && second < 128) // 100.64/10, carrier-grade NAT
                && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0); // 192.0.0/24, protocol assignments
    }
}
