package io.github.dbtelemetry.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.dbtelemetry.support.StandInWorkspace;

/**
 * A workspace on a raw socket that keeps every connection alive, answers the feature flag with
 * "enabled" and every telemetry POST with success (the answers of a {@link StandInWorkspace}),
 * and knows which of its connections the client has closed — what WireMock cannot tell.
 * Loopback only.
 */
final class KeepAliveWorkspace implements AutoCloseable {

	private final ServerSocket server;

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger telemetryRequests = new AtomicInteger();

	private final Thread acceptor;

	KeepAliveWorkspace() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::acceptAll, "keep-alive-workspace");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	int acceptedConnections() {
		return this.accepted.get();
	}

	int openConnections() {
		return this.open.get();
	}

	int telemetryRequests() {
		return this.telemetryRequests.get();
	}

	private void acceptAll() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.accepted.incrementAndGet();
				this.open.incrementAndGet();
				Thread connection = new Thread(() -> serve(socket), "keep-alive-workspace-connection");
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	// Answers requests on one connection until the client closes it (end of stream) or it breaks.
	private void serve(Socket socket) {
		try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
				OutputStream out = socket.getOutputStream()) {
			String requestLine;
			while ((requestLine = readLine(in)) != null) {
				int contentLength = 0;
				String header;
				while ((header = readLine(in)) != null && !header.isEmpty()) {
					String lower = header.toLowerCase(Locale.ROOT);
					if (lower.startsWith("content-length:")) {
						contentLength = Integer.parseInt(header.substring(15).trim());
					}
				}
				in.readNBytes(contentLength);
				boolean telemetry = requestLine.startsWith("POST");
				if (telemetry) {
					this.telemetryRequests.incrementAndGet();
				}
				String answer = telemetry ? StandInWorkspace.ACCEPTED : StandInWorkspace.flagBody(true);
				byte[] body = answer.getBytes(StandardCharsets.UTF_8);
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
						+ "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
			}
		}
		catch (IOException ex) {
			// a connection the client reset counts as closed too
		}
		finally {
			this.open.decrementAndGet();
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int next;
		while ((next = in.read()) != -1) {
			if (next == '\n') {
				String text = line.toString(StandardCharsets.US_ASCII);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(next);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.US_ASCII) : null;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
