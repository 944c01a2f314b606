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

    /** What resolving a webhook's host found: the address to connect to, or why it may not be called. */
    record Resolved(InetAddress address, String refusal) {
    }

    /**
     * Resolves the host (blocking). Every address must be public; the first is where the delivery connects, so a
     * name that resolves elsewhere a moment later (DNS rebinding) cannot aim the request at what was not checked.
     * With private targets allowed nothing is checked, and the address is null (the HTTP client resolves it).
     */
    static Resolved resolve(String url, boolean allowPrivate) {
        if (allowPrivate) return new Resolved(null, null);
        String host = URI.create(url).getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return new Resolved(null, "its host does not resolve");
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) return new Resolved(null, "its host resolves to a loopback, private or link-local address");
        }
        return new Resolved(addresses[0], null);
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
