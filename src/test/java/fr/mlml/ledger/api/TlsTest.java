package fr.mlml.ledger.api;

import fr.mlml.ledger.LedgerService;
import fr.mlml.ledger.ServiceSettings;
import fr.mlml.ledger.config.LedgerConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a certificate configured the HTTP port speaks TLS only; a client that trusts the certificate is served. */
class TlsTest {
    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    Path dir;

    @Test
    void theServiceAnswersOverTlsWithTheConfiguredCertificateAndNotInPlainText() throws Exception {
        KeyStore store = selfSigned();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Certificate certificate = store.getCertificate("ledger");
        Key privateKey = store.getKey("ledger", PASSWORD);
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
        ServiceSettings settings = new ServiceSettings(0, dir.resolve("data"), ServiceSettings.Storage.FILE, null,
                ApiFixture.ADMIN, 1_000, ServiceSettings.DEFAULT_QUEUE_CAPACITY, cert, key,
                ServiceSettings.DEFAULT_REJECTED_IDS_PER_S, false, HttpLimits.DEFAULTS);
        try (LedgerService service = LedgerService.start(settings, LedgerConfigFile.defaults())) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(store))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String https = "https://localhost:" + service.port();
            assertEquals(200, trusting.send(HttpRequest.newBuilder(URI.create(https + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> directory = trusting.send(HttpRequest.newBuilder(URI.create(https + "/v1/directory"))
                    .header("Authorization", "Bearer " + ApiFixture.ADMIN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, directory.statusCode(), directory.body());

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest inClear = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            assertThrows(java.io.IOException.class, () -> plain.send(inClear, HttpResponse.BodyHandlers.ofString()),
                    "no answer in plain text on a TLS port");
        }
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ServiceSettings(0,
                dir, ServiceSettings.Storage.FILE, null, null, 1_000, 1, dir.resolve("cert.pem"), null, 1, false,
                HttpLimits.DEFAULTS));
        assertTrue(e.getMessage().contains("LEDGER_TLS_KEY"), e.getMessage());
    }

    /** A self-signed certificate for localhost, made by the JDK's keytool. */
    private KeyStore selfSigned() throws Exception {
        Path p12 = dir.resolve("ledger.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "ledger", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, keytool.exitValue(), out);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(p12.toFile())) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static SSLContext trusting(KeyStore store) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ledger", store.getCertificate("ledger"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
