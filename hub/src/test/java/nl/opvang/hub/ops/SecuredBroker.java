package nl.opvang.hub.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import nl.opvang.harness.FreePort;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.testing.Tools;
import org.awaitility.Awaitility;

/**
 * A real Mosquitto set up the production way, from the repository's own scripts: a CA and server certificate from
 * {@code deploy/broker/make-ca.sh}, the config from {@code mosquitto.conf.template} via {@code render-conf.sh}, and the
 * password file and ACL from {@link BrokerConfig}. Unlike {@code MosquittoBroker} it has no anonymous listener.
 */
final class SecuredBroker implements AutoCloseable {
    final Path dir;
    final int port;
    final BrokerConfig config;
    private final Process process;

    private SecuredBroker(Path dir, int port, BrokerConfig config, Process process) {
        this.dir = dir;
        this.port = port;
        this.config = config;
        this.process = process;
    }

    /** What it needs of the machine: mosquitto, mosquitto_passwd, openssl and bash (skips locally, fails in CI). */
    static void requireTools() {
        Tools.require("/usr/sbin/mosquitto", "/usr/bin/mosquitto_passwd", "/usr/bin/openssl", "/bin/bash");
    }

    static Path deployBroker() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/broker/make-ca.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/broker not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("deploy/broker");
    }

    static SecuredBroker start(Path dir, List<NodeSpec> nodes) {
        return start(dir, nodes, UnaryOperator.identity());
    }

    /** As {@link #start(Path, List)}, with the rendered config changed by {@code edit} (for a deliberately weaker control). */
    static SecuredBroker start(Path dir, List<NodeSpec> nodes, UnaryOperator<String> edit) {
        int port = FreePort.pick();
        script(dir, "make-ca.sh", "--host", "broker.test", "--out", dir.toString());
        BrokerConfig config = new BrokerConfig(dir, MosquittoPasswd.find());
        config.generate(nodes, Set.of(), Set.of());
        // root keeps root: the test's temporary folders are not readable by the mosquitto user.
        String rendered = script(dir, "render-conf.sh", "--port", Integer.toString(port), "--dir", dir.toString(),
                "--data", dir.resolve("persistence").toString(), "--user", "root");
        try {
            Files.createDirectories(dir.resolve("persistence"));
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, edit.apply(rendered));
            // The same pipeline as deploy/broker/mosquitto-logging.conf: exec keeps mosquitto the process we signal,
            // stdbuf makes it write each log line at once, strip-addresses removes client addresses on the way.
            Process process = new ProcessBuilder("/bin/bash", "-c",
                    "exec stdbuf -oL /usr/sbin/mosquitto -c \"$0\" > >(exec /bin/bash \"$1\") 2>&1",
                    conf.toString(), deployBroker().resolve("strip-addresses").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            SecuredBroker broker = new SecuredBroker(dir, port, config, process);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(broker::listening);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited: " + log());
        }
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Runs one of the deploy/broker scripts and returns its standard output. */
    static String script(Path workDir, String name, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/bash", deployBroker().resolve(name).toString()));
        command.addAll(List.of(args));
        return run(workDir, null, command);
    }

    /** Runs a command, feeding it {@code input}; fails on a non-zero exit. */
    static String run(Path workDir, String input, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "ssl://127.0.0.1:" + port;
    }

    String password(String user) {
        try {
            return Files.readString(dir.resolve(BrokerConfig.CREDENTIALS_FOLDER).resolve(user + ".password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sockets that trust only the CA made by make-ca.sh, as a node or the hub would be set up. */
    SSLSocketFactory trustingOurCa() {
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("opvang-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -HUP}: Mosquitto reads its password file and ACL again (what {@code systemctl reload} does). */
    void reload() {
        run(dir, null, List.of("kill", "-HUP", Long.toString(process.pid())));
    }

    String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
