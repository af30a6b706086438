package io.github.memoryactuator.probe;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The mappings of {@code /proc/self/smaps}, in address order.
 *
 * @param mappings every mapping that could be parsed
 * @since 0.1.0
 */
public record Smaps(List<Mapping> mappings) {

	/**
	 * Create an instance.
	 * @param mappings every mapping that could be parsed
	 */
	public Smaps {
		mappings = List.copyOf(mappings);
	}

	/**
	 * Return the mappings that match.
	 * @param filter which mappings to keep
	 * @return the matching mappings
	 */
	public List<Mapping> select(Predicate<Mapping> filter) {
		return this.mappings.stream().filter(filter).toList();
	}

	/**
	 * Sum one figure over the mappings that match.
	 * @param filter which mappings to count
	 * @param figure the figure, such as {@code Mapping::rss}
	 * @return the sum in bytes
	 */
	public long sum(Predicate<Mapping> filter, ToLongFunction<Mapping> figure) {
		long total = 0;
		for (Mapping mapping : this.mappings) {
			if (filter.test(mapping)) {
				total += figure.applyAsLong(mapping);
			}
		}
		return total;
	}

}
