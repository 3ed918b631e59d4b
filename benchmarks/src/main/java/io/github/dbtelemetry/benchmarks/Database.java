package io.github.dbtelemetry.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.tools.Server;

/** An H2 database, in memory or behind a TCP server on loopback, with a table of 100 rows. */
final class Database implements AutoCloseable {

	/** Connections in the pool, all opened when it starts. */
	static final int POOL_SIZE = 4;

	private final Server server;

	private final String url;

	private Database(Server server, String url) {
		this.server = server;
		this.url = url;
	}

	static Database start(String kind, String name) throws SQLException {
		if ("tcp".equals(kind)) {
			Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
			return new Database(server, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name
					+ ";DB_CLOSE_DELAY=-1");
		}
		return new Database(null, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
	}

	String url() {
		return this.url;
	}

	HikariDataSource pool() throws SQLException {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(this.url);
		pool.setUsername("token");
		pool.setPassword("dapi-benchmark");
		pool.setMaximumPoolSize(POOL_SIZE);
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS item (id INT PRIMARY KEY, name VARCHAR(40))");
			statement.execute("DELETE FROM item");
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
				for (int i = 1; i <= 100; i++) {
					insert.setInt(1, i);
					insert.setString(2, "item-" + i);
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}
		return pool;
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.stop();
		}
	}

}
