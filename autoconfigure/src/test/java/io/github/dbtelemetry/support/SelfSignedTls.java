package io.github.dbtelemetry.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A certificate for {@code localhost}, made once per test run with the JDK's {@code keytool}: a
 * WireMock server serves https with it, and an SSL bundle that trusts it is what an application
 * would configure under {@code spring.ssl.bundle} — so tests exercise real TLS, hostname
 * verification included, without trusting everything.
 */
public final class SelfSignedTls {

	public static final String PASSWORD = "changeit";

	private static Path keyStore;

	private SelfSignedTls() {
	}

	/** WireMock options for a server with http and https on free ports, https with this certificate. */
	public static WireMockConfiguration serverOptions() {
		return wireMockConfig().dynamicPort()
			.dynamicHttpsPort()
			.keystorePath(keyStore().toString())
			.keystoreType("PKCS12")
			.keystorePassword(PASSWORD)
			.keyManagerPassword(PASSWORD);
	}

	/** An SSL bundle whose trust store holds this certificate. */
	public static SslBundle trustingBundle() {
		JksSslStoreDetails trustStore = new JksSslStoreDetails("PKCS12", null, keyStore().toUri().toString(),
				PASSWORD);
		return SslBundle.of(new JksSslStoreBundle(null, trustStore));
	}

	public static synchronized Path keyStore() {
		if (keyStore == null) {
			keyStore = generate();
		}
		return keyStore;
	}

	private static Path generate() {
		try {
			Path directory = Files.createTempDirectory("telemetry-tls");
			Path file = directory.resolve("localhost.p12");
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "localhost", "-keyalg",
					"RSA", "-keysize", "2048", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
					"-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
					"-keypass", PASSWORD))
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			file.toFile().deleteOnExit();
			directory.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
