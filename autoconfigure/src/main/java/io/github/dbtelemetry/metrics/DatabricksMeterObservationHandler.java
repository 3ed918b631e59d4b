package io.github.dbtelemetry.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.observation.DatabricksObservationContext;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Records the starter's observations as the meters {@link DefaultMeterObservationHandler} makes
 * of them, at a fraction of its cost per statement. The meters are the same: a {@link Timer}
 * named after the observation, tagged with its low-cardinality key values and {@code error}
 * (the simple class name of the error, {@code none} without one), and, unless long-task timers
 * are ignored, a {@link LongTaskTimer} named {@code <name>.active} tagged with the key values
 * the observation started with.
 * <p>
 * The generic handler builds a tag list, a meter id and a {@link Timer.Sample} for every
 * observation, and looks the meters up again each time; on the statement path that was most of
 * what metrics cost. This one resolves each meter once per set of key values and keeps it,
 * takes the duration from the operation itself (its start and end are measured anyway, for the
 * exported latency) when the registry runs on the system clock, and keeps the long-task timer's
 * sample in the context, which the starter's contexts store without a hash map.
 * <p>
 * On the system clock a timer records the operation's own duration, from when the wrappers
 * started it to its end: what the exported latency says. The generic handler times from the
 * observation's start, a few hundred nanoseconds later; for the first connection of a data
 * source, observed only once the pool has answered, it records almost nothing where this one
 * records the acquisition.
 * <p>
 * Spring Boot registers every {@link MeterObservationHandler} in one first-matching group: this
 * handler takes the starter's contexts when it comes before the generic one, and every other
 * observation still goes to the generic one. Meters it keeps are forgotten when the registry
 * removes them, and sets of key values beyond the first {@value #MAX_KEY_SETS} have their meters
 * looked up in the registry on each use, as the generic handler does. A meter filter added to
 * the registry after the meters exist does not reach those kept here (Micrometer warns against
 * adding one that late).
 *
 * @since 0.1.0
 */
public final class DatabricksMeterObservationHandler implements MeterObservationHandler<DatabricksObservationContext> {

	/**
	 * How many sets of key values keep their meters. The starter's own conventions make a few per
	 * data source (statement type times outcome); the bound is for conventions of an application
	 * that make more.
	 */
	static final int MAX_KEY_SETS = 1000;

	private static final String NO_ERROR = KeyValue.NONE_VALUE;

	private final MeterRegistry registry;

	private final boolean longTaskTimers;

	// whether the operation's own System.nanoTime() readings are the registry's clock
	private final boolean systemClock;

	// meters by observation name, then by low-cardinality key values
	private final Map<String, Map<KeyValues, Meters>> meters = new ConcurrentHashMap<>();

	private final AtomicInteger keySets = new AtomicInteger();

	/**
	 * A handler with long-task timers, as {@link DefaultMeterObservationHandler} has by default.
	 * @param registry where the meters are registered
	 */
	public DatabricksMeterObservationHandler(MeterRegistry registry) {
		this(registry, true);
	}

	/**
	 * @param registry where the meters are registered
	 * @param longTaskTimers whether {@code <name>.active} long-task timers are made, as the
	 * generic handler does unless told to ignore
	 * {@link DefaultMeterObservationHandler.IgnoredMeters#LONG_TASK_TIMER}
	 */
	public DatabricksMeterObservationHandler(MeterRegistry registry, boolean longTaskTimers) {
		this.registry = registry;
		this.longTaskTimers = longTaskTimers;
		this.systemClock = registry.config().clock() == Clock.SYSTEM;
		registry.config().onMeterRemoved((meter) -> {
			if (this.meters.containsKey(meter.getId().getName()) || isLongTaskTimerOf(meter.getId().getName())) {
				forget();
			}
		});
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof DatabricksObservationContext;
	}

	@Override
	public void onStart(DatabricksObservationContext context) {
		if (this.longTaskTimers) {
			LongTaskTimer active = meters(context).longTaskTimer();
			context.put(LongTaskTimer.Sample.class, active.start());
		}
		if (!this.systemClock) {
			context.put(Timer.Sample.class, Timer.start(this.registry));
		}
	}

	@Override
	public void onStop(DatabricksObservationContext context) {
		Timer timer = meters(context).timer(context.getError());
		if (this.systemClock) {
			long end = context.getEndNanos();
			long duration = ((end != 0) ? end : System.nanoTime()) - context.getStartNanos();
			timer.record(Math.max(0, duration), TimeUnit.NANOSECONDS);
		}
		else {
			Timer.Sample sample = context.get(Timer.Sample.class);
			if (sample != null) {
				sample.stop(timer);
			}
		}
		if (this.longTaskTimers) {
			LongTaskTimer.Sample active = context.get(LongTaskTimer.Sample.class);
			if (active != null) {
				active.stop();
			}
		}
	}

	/** As the generic handler: a counter named after the observation and the event. */
	@Override
	public void onEvent(Observation.Event event, DatabricksObservationContext context) {
		Counter.builder(name(context) + "." + event.getName())
			.tags(tags(context.getLowCardinalityKeyValues()))
			.register(this.registry)
			.increment();
	}

	private Meters meters(DatabricksObservationContext context) {
		String name = name(context);
		KeyValues keyValues = context.getLowCardinalityKeyValues();
		Map<KeyValues, Meters> byKeyValues = this.meters.get(name);
		Meters found = (byKeyValues != null) ? byKeyValues.get(keyValues) : null;
		if (found != null) {
			return found;
		}
		Meters created = new Meters(name, keyValues);
		if (this.keySets.get() >= MAX_KEY_SETS) {
			return created;
		}
		Meters kept = this.meters.computeIfAbsent(name, (key) -> new ConcurrentHashMap<>())
			.putIfAbsent(keyValues, created);
		if (kept != null) {
			return kept;
		}
		this.keySets.incrementAndGet();
		return created;
	}

	private static String name(DatabricksObservationContext context) {
		String name = context.getName();
		return (name != null) ? name : "";
	}

	private boolean isLongTaskTimerOf(String meterName) {
		return meterName.endsWith(".active")
				&& this.meters.containsKey(meterName.substring(0, meterName.length() - ".active".length()));
	}

	/** Drops every meter kept; they are resolved again from the registry on the next use. */
	private void forget() {
		this.meters.clear();
		this.keySets.set(0);
	}

	private static List<Tag> tags(KeyValues keyValues) {
		List<Tag> tags = new ArrayList<>();
		for (KeyValue keyValue : keyValues) {
			tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		return tags;
	}

	/**
	 * The meters of one observation name and one set of low-cardinality key values: the timer of
	 * each {@code error} value and the long-task timer. Each is resolved from the registry the
	 * first time it is needed; errors are few classes, so the map of error timers stays small.
	 */
	private final class Meters {

		private final String name;

		private final List<Tag> tags;

		private volatile @Nullable Timer withoutError;

		private volatile @Nullable LongTaskTimer longTaskTimer;

		private final Map<Class<?>, Timer> byError = new ConcurrentHashMap<>();

		Meters(String name, KeyValues keyValues) {
			this.name = name;
			this.tags = tags(keyValues);
		}

		Timer timer(@Nullable Throwable error) {
			if (error == null) {
				Timer timer = this.withoutError;
				if (timer == null) {
					timer = register(NO_ERROR);
					this.withoutError = timer;
				}
				return timer;
			}
			Timer timer = this.byError.get(error.getClass());
			if (timer == null) {
				timer = register(error.getClass().getSimpleName());
				if (this.byError.size() < MAX_KEY_SETS) {
					this.byError.put(error.getClass(), timer);
				}
			}
			return timer;
		}

		private Timer register(String error) {
			List<Tag> tags = new ArrayList<>(this.tags);
			tags.add(Tag.of("error", error));
			return DatabricksMeterObservationHandler.this.registry.timer(this.name, tags);
		}

		LongTaskTimer longTaskTimer() {
			LongTaskTimer timer = this.longTaskTimer;
			if (timer == null) {
				timer = DatabricksMeterObservationHandler.this.registry.more()
					.longTaskTimer(this.name + ".active", this.tags);
				this.longTaskTimer = timer;
			}
			return timer;
		}

	}

}
