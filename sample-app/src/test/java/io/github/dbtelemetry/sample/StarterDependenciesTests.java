package io.github.dbtelemetry.sample;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter brings to an application, seen from the sample's class path (a servlet
 * application: the starter is its only way to Netty). Telemetry travels on the JDK HttpClient,
 * so neither Reactor Netty nor the native transports Boot 4.1's Reactor Netty comes with (QUIC,
 * epoll, each a platform-specific jar) are there. CI runs this on every Spring Boot it tests.
 */
class StarterDependenciesTests {

	@ParameterizedTest
	@ValueSource(strings = { "reactor.netty.http.client.HttpClient", "io.netty.channel.Channel",
			"io.netty.channel.epoll.Epoll", "io.netty.handler.codec.quic.Quic",
			"io.netty.incubator.codec.quic.Quic" })
	void theStarterBringsNoNetty(String className) {
		assertThat(ClassUtils.isPresent(className, getClass().getClassLoader())).as(className).isFalse();
	}

}
