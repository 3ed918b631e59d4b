package io.github.dbtelemetry.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;

/**
 * Base of the contexts of Databricks observations: a read-only view, for conventions and
 * observation handlers, of one operation of the JDBC wrappers. The facts live in an internal
 * carrier that the wrappers fill and the exported event is built from; the context only reads
 * it, so a handler or convention can see what is exported but not change it.
 * <p>
 * What handlers and conventions put on the context (key values, entries such as a handler's
 * sample) behaves as on any {@link Observation.Context}, but is kept lighter: Micrometer's
 * context keeps each in a {@code ConcurrentHashMap} whose first entry allocates a table, and the
 * starter makes an observation of every statement. Here key values are kept
 * as the immutable {@link KeyValues} the convention returned, so that setting the same ones
 * again when the observation stops costs nothing, and entries in fields for the first one (a
 * meter or tracing handler puts one) and a small array copied on write for the others.
 * Readers never lock; writers compare and set. (Micrometer's maps are still made with the
 * context, empty: its constructor makes them.)
 *
 * @since 0.1.0
 */
public abstract sealed class DatabricksObservationContext extends Observation.Context
		permits ConnectionObservationContext, StatementObservationContext {

	private static final Object[] NO_ENTRIES = new Object[0];

	private static final KeyValues NO_KEY_VALUES = KeyValues.empty();

	private static final AtomicReferenceFieldUpdater<DatabricksObservationContext, KeyValues> LOW_CARDINALITY = AtomicReferenceFieldUpdater
		.newUpdater(DatabricksObservationContext.class, KeyValues.class, "lowCardinality");

	private static final AtomicReferenceFieldUpdater<DatabricksObservationContext, KeyValues> HIGH_CARDINALITY = AtomicReferenceFieldUpdater
		.newUpdater(DatabricksObservationContext.class, KeyValues.class, "highCardinality");

	private static final AtomicReferenceFieldUpdater<DatabricksObservationContext, Object> FIRST_KEY = AtomicReferenceFieldUpdater
		.newUpdater(DatabricksObservationContext.class, Object.class, "firstKey");

	private static final AtomicReferenceFieldUpdater<DatabricksObservationContext, Object> FIRST_VALUE = AtomicReferenceFieldUpdater
		.newUpdater(DatabricksObservationContext.class, Object.class, "firstValue");

	private static final AtomicReferenceFieldUpdater<DatabricksObservationContext, Object[]> MORE = AtomicReferenceFieldUpdater
		.newUpdater(DatabricksObservationContext.class, Object[].class, "more");

	private final DatabricksOperation operation;

	private volatile KeyValues lowCardinality = NO_KEY_VALUES;

	private volatile KeyValues highCardinality = NO_KEY_VALUES;

	// The first entry put has fields of its own (a handler puts one, its sample): no array for it.
	private volatile @Nullable Object firstKey;

	// null when the first key has no value (never put, removed or cleared)
	private volatile @Nullable Object firstValue;

	// the other entries: key, value, key, value...; replaced, never changed in place
	private volatile Object[] more = NO_ENTRIES;

	// looked up once: the default conventions ask for it four times per observation
	private @Nullable DataSourceKeyValues keyValues;

	DatabricksObservationContext(DatabricksOperation operation) {
		this.operation = Objects.requireNonNull(operation, "operation");
	}

	/** The operation seen, for the subclasses: they keep no reference of their own, one field less per context. */
	DatabricksOperation operation() {
		return this.operation;
	}

	/** The key values the default conventions keep for this context's data source. */
	DataSourceKeyValues keyValues() {
		DataSourceKeyValues found = this.keyValues;
		if (found == null) {
			found = DataSourceKeyValues.of(getHost(), getDataSourceName());
			this.keyValues = found;
		}
		return found;
	}

	/** The session id (the server's where the driver tells it, else generated); {@code null} if unknown. */
	public String getSessionId() {
		return this.operation.getSessionId();
	}

	/** The bean name of the data source. */
	public String getDataSourceName() {
		return this.operation.getTarget().dataSourceName();
	}

	/** The workspace host, lower case, without port. */
	public String getHost() {
		return this.operation.getTarget().host();
	}

	/** When the operation started, in {@link System#nanoTime()} units. */
	public long getStartNanos() {
		return this.operation.getStartNanos();
	}

	/** When the operation ended, in {@link System#nanoTime()} units; 0 while it runs. */
	public long getEndNanos() {
		return this.operation.getEndNanos();
	}

	/** How long the operation took: the exported {@code operation_latency_ms}; 0 while it runs. */
	public long getDurationNanos() {
		return this.operation.getDurationNanos();
	}

	/**
	 * The failure of the operation, as thrown to the application, or {@code null}. Only its
	 * SQLSTATE or class name is exported; the rest stays in this process.
	 */
	public Throwable getFailure() {
		return this.operation.getFailure();
	}

	@Override
	public Observation.Context addLowCardinalityKeyValue(KeyValue keyValue) {
		return addLowCardinalityKeyValues(KeyValues.of(Objects.requireNonNull(keyValue, "keyValue")));
	}

	@Override
	public Observation.Context addHighCardinalityKeyValue(KeyValue keyValue) {
		return addHighCardinalityKeyValues(KeyValues.of(Objects.requireNonNull(keyValue, "keyValue")));
	}

	/**
	 * As a map would: a key already there takes the new value. Key values equal to those there
	 * (the convention's, set again when the observation stops) leave them as they are.
	 */
	@Override
	public Observation.Context addLowCardinalityKeyValues(KeyValues keyValues) {
		merge(LOW_CARDINALITY, keyValues);
		return this;
	}

	@Override
	public Observation.Context addHighCardinalityKeyValues(KeyValues keyValues) {
		merge(HIGH_CARDINALITY, keyValues);
		return this;
	}

	@Override
	public Observation.Context removeLowCardinalityKeyValue(String keyName) {
		without(LOW_CARDINALITY, keyName);
		return this;
	}

	@Override
	public Observation.Context removeHighCardinalityKeyValue(String keyName) {
		without(HIGH_CARDINALITY, keyName);
		return this;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues() {
		return this.lowCardinality;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues() {
		return this.highCardinality;
	}

	@Override
	public @Nullable KeyValue getLowCardinalityKeyValue(String key) {
		return find(this.lowCardinality, key);
	}

	@Override
	public @Nullable KeyValue getHighCardinalityKeyValue(String key) {
		return find(this.highCardinality, key);
	}

	private void merge(AtomicReferenceFieldUpdater<DatabricksObservationContext, KeyValues> field,
			KeyValues keyValues) {
		KeyValues current;
		KeyValues merged;
		do {
			current = field.get(this);
			if (keyValues == current || keyValues.equals(current)) {
				// the convention asked again at stop, with nothing changed
				return;
			}
			// A set with every key of the current one replaces it whole, as a map would, with
			// no copy: the convention's at start, and a checkout's key values that gain the
			// session when the pool answers.
			merged = (current == NO_KEY_VALUES || hasEveryKeyOf(keyValues, current)) ? keyValues
					: current.and(keyValues);
		}
		while (!field.compareAndSet(this, current, merged));
	}

	private static boolean hasEveryKeyOf(KeyValues keyValues, KeyValues current) {
		outer: for (KeyValue keyValue : current) {
			String key = keyValue.getKey();
			for (KeyValue candidate : keyValues) {
				if (candidate.getKey().equals(key)) {
					continue outer;
				}
			}
			return false;
		}
		return true;
	}

	private void without(AtomicReferenceFieldUpdater<DatabricksObservationContext, KeyValues> field,
			String keyName) {
		KeyValues current;
		KeyValues remaining;
		do {
			current = field.get(this);
			if (find(current, keyName) == null) {
				return;
			}
			List<KeyValue> kept = new ArrayList<>();
			for (KeyValue keyValue : current) {
				if (!keyValue.getKey().equals(keyName)) {
					kept.add(keyValue);
				}
			}
			remaining = KeyValues.of(kept);
		}
		while (!field.compareAndSet(this, current, remaining));
	}

	private static @Nullable KeyValue find(KeyValues keyValues, String key) {
		for (KeyValue keyValue : keyValues) {
			if (keyValue.getKey().equals(key)) {
				return keyValue;
			}
		}
		return null;
	}

	/** As the map of Micrometer's context: neither the key nor the value may be {@code null}. */
	@Override
	public <T> Observation.Context put(Object key, T object) {
		Objects.requireNonNull(object, "object");
		if (!putFirst(key, object, false)) {
			putMore(key, object, false);
		}
		return this;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key) {
		if (isFirst(key)) {
			return (T) this.firstValue;
		}
		Object[] more = this.more;
		int index = indexOf(more, key);
		return (index >= 0) ? (T) more[index + 1] : null;
	}

	@Override
	public @Nullable Object remove(Object key) {
		if (isFirst(key)) {
			return FIRST_VALUE.getAndSet(this, null);
		}
		Object[] current;
		Object[] next;
		Object removed;
		do {
			current = this.more;
			int index = indexOf(current, key);
			if (index < 0) {
				return null;
			}
			removed = current[index + 1];
			next = (current.length == 2) ? NO_ENTRIES : new Object[current.length - 2];
			System.arraycopy(current, 0, next, 0, index);
			System.arraycopy(current, index + 2, next, index, current.length - index - 2);
		}
		while (!MORE.compareAndSet(this, current, next));
		return removed;
	}

	@Override
	public <T> T getRequired(Object key) {
		T object = get(key);
		if (object == null) {
			throw new IllegalArgumentException("Context does not have an entry for key [" + key + "]");
		}
		return object;
	}

	@Override
	public boolean containsKey(Object key) {
		return get(key) != null;
	}

	@Override
	public <T> T getOrDefault(Object key, T defaultObject) {
		T object = get(key);
		return (object != null) ? object : defaultObject;
	}

	/**
	 * As the map of Micrometer's context, except that two threads asking at once for an absent
	 * key may both compute a value; both get the one that was stored.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> T computeIfAbsent(Object key, Function<Object, ? extends T> mappingFunction) {
		T existing = get(key);
		if (existing != null) {
			return existing;
		}
		T computed = mappingFunction.apply(key);
		if (computed == null) {
			return null;
		}
		if (putFirst(key, computed, true)) {
			return (T) this.firstValue;
		}
		return (T) putMore(key, computed, true);
	}

	@Override
	public void clear() {
		this.firstValue = null;
		this.more = NO_ENTRIES;
	}

	/**
	 * Whether {@code key} is the first key ever put, which has the slot of its own. The slot
	 * never takes another key, so that a reader who found the key there reads its value, and not
	 * that of a key put after it.
	 */
	private boolean isFirst(Object key) {
		Objects.requireNonNull(key, "key");
		Object first = this.firstKey;
		return first != null && (first == key || key.equals(first));
	}

	/**
	 * Puts into the first key's slot, taking it for {@code key} if no key has it yet; answers
	 * whether the slot is {@code key}'s. Only if absent: leaves a value that is there.
	 */
	private boolean putFirst(Object key, Object value, boolean ifAbsent) {
		// a key that lost the slot to the same key, put at once by another thread, has it all the same
		if (!isFirst(key) && !FIRST_KEY.compareAndSet(this, null, key) && !isFirst(key)) {
			return false;
		}
		if (ifAbsent) {
			FIRST_VALUE.compareAndSet(this, null, value);
		}
		else {
			this.firstValue = value;
		}
		return true;
	}

	/** Puts among the other keys; answers the value now there. */
	private Object putMore(Object key, Object value, boolean ifAbsent) {
		Object[] current;
		Object[] next;
		do {
			current = this.more;
			int index = indexOf(current, key);
			if (index >= 0) {
				if (ifAbsent) {
					return current[index + 1];
				}
				next = current.clone();
				next[index + 1] = value;
			}
			else {
				next = new Object[current.length + 2];
				System.arraycopy(current, 0, next, 0, current.length);
				next[current.length] = key;
				next[current.length + 1] = value;
			}
		}
		while (!MORE.compareAndSet(this, current, next));
		return value;
	}

	/** Where {@code key} is, compared as the map of Micrometer's context compares. */
	private static int indexOf(Object[] entries, Object key) {
		for (int i = 0; i < entries.length; i += 2) {
			if (entries[i] == key || key.equals(entries[i])) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public String toString() {
		StringBuilder entries = new StringBuilder("[");
		Object first = this.firstKey;
		Object firstValue = this.firstValue;
		if (first != null && firstValue != null) {
			entries.append(first).append("='").append(firstValue).append('\'');
		}
		Object[] more = this.more;
		for (int i = 0; i < more.length; i += 2) {
			entries.append((entries.length() > 1) ? ", " : "")
				.append(more[i])
				.append("='")
				.append(more[i + 1])
				.append('\'');
		}
		entries.append(']');
		return "name='" + getName() + "', contextualName='" + getContextualName() + "', error='" + getError()
				+ "', lowCardinalityKeyValues=" + toString(this.lowCardinality) + ", highCardinalityKeyValues="
				+ toString(this.highCardinality) + ", map=" + entries + ", parentObservation="
				+ getParentObservation();
	}

	private static String toString(KeyValues keyValues) {
		StringBuilder text = new StringBuilder("[");
		for (KeyValue keyValue : keyValues) {
			text.append((text.length() > 1) ? ", " : "")
				.append(keyValue.getKey())
				.append("='")
				.append(keyValue.getValue())
				.append('\'');
		}
		return text.append(']').toString();
	}

}
