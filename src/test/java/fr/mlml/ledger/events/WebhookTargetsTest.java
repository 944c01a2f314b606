package fr.mlml.ledger.events;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a webhook may be aimed: https:// to public addresses only, unless private targets are allowed. */
class WebhookTargetsTest {
    @Test
    void onlyHttpsUrlsWithAHost() {
        assertNull(WebhookTargets.refusal("https://shop.example/hook", false));
        for (String url : new String[] {"http://shop.example/hook", "ftp://shop.example/", "javascript:alert(1)",
                "https:///nohost", "https://user:pw@shop.example/", "https://shop.example/#x", "not a url"}) {
            assertNotNull(WebhookTargets.refusal(url, false), url);
        }
        assertNull(WebhookTargets.refusal("http://127.0.0.1:8080/hook", true), "allowed for development");
    }

    @Test
    void loopbackPrivateAndLinkLocalAddressesAreRefused() throws Exception {
        for (String url : new String[] {"https://127.0.0.1/", "https://10.1.2.3/", "https://172.16.0.1/",
                "https://192.168.1.1/", "https://169.254.169.254/", "https://[::1]/", "https://[fe80::1]/",
                "https://[fd00::1]/", "https://0.0.0.0/", "https://100.64.0.1/", "https://localhost/"}) {
            assertNotNull(WebhookTargets.resolve(url, false).refusal(), url);
            assertNull(WebhookTargets.resolve(url, false).address(), url + ": nowhere to connect");
            assertNull(WebhookTargets.resolve(url, true).refusal(), url + " when private targets are allowed");
        }
        WebhookTargets.Resolved checked = WebhookTargets.resolve("https://192.0.2.1/", false);
        assertNull(checked.refusal(), "a public address (literal)");
        assertEquals(InetAddress.getByName("192.0.2.1"), checked.address(), "the delivery connects where was checked");
        assertTrue(WebhookTargets.isPublic(InetAddress.getByName("2001:db8::1")));
        assertFalse(WebhookTargets.isPublic(InetAddress.getByName("224.0.0.1")), "multicast");
    }
}
