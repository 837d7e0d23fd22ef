package io.egressguard.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A self-signed certificate for 127.0.0.1, localhost and a few test names, the server side of it, and
 * a trust store file that child JVMs are pointed at with {@code -Djavax.net.ssl.trustStore}.
 */
public final class TlsFixture {

    private static TlsFixture instance;

    private final HeldCertificate certificate;
    private final HandshakeCertificates server;
    private final Path trustStore;

    private TlsFixture() throws Exception {
        certificate = new HeldCertificate.Builder()
                .commonName("egress-guard-test")
                .addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.2")
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("::1")
                .addSubjectAlternativeName("target.proxied") // reached through LoopbackProxy
                .build();
        server = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("egress-guard-test", certificate.certificate());
        trustStore = Files.createTempFile("egress-guard-truststore", ".p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            ks.store(out, "changeit".toCharArray());
        }
        trustStore.toFile().deleteOnExit();
    }

    public static synchronized TlsFixture get() {
        if (instance == null) {
            try {
                instance = new TlsFixture();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public HandshakeCertificates serverCertificates() {
        return server;
    }

    public X509Certificate certificate() {
        return certificate.certificate();
    }

    /** JVM arguments that make a child trust the test certificate (and only it). */
    public String[] childTrustArgs() {
        return new String[] {"-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djavax.net.ssl.trustStoreType=PKCS12"};
    }

    Path trustStore() throws IOException {
        return trustStore;
    }
}
