package nl.opvang.device.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS trust for the broker: only the CA in the node's {@code brokerCa} file (the project's own small CA), not every
 * public CA of the JVM. Host names are still checked by Paho against the broker's certificate.
 */
public final class BrokerTrust {
    private BrokerTrust() {
    }

    /** The certificates in a PEM file; an unreadable file or one without a certificate is refused, naming why. */
    public static Collection<? extends Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("holds no certificate: " + file);
            }
            return certificates;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read: " + file);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("is not a PEM certificate: " + file);
        }
    }

    /** A socket factory for {@code ssl://} brokers that trusts exactly the certificates in {@code caFile}. */
    public static SSLSocketFactory socketFactory(Path caFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates(caFile)) {
                store.setCertificateEntry("opvang-ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust from " + caFile + ": " + e.getMessage(), e);
        }
    }
}
