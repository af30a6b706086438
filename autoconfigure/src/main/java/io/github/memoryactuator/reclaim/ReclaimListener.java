package io.github.memoryactuator.reclaim;

/**
 * Told about every completed reclaim, for logging and meters.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReclaimListener {

	/**
	 * Called after a reclaim completed.
	 * @param report what it did
	 */
	void reclaimed(ReclaimReport report);

}
